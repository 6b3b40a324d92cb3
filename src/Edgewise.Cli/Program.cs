using System.CommandLine;
using Edgewise.Cli.Commands;

var root = new RootCommand("Edgewise: IoT edge nodes that process sensor readings or hand the work to a peer.")
{
    NodeCommand.Create(),
    //SimulateCommand.Create(),
    //DemoCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
