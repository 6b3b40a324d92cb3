using System.CommandLine;
using Edgewise.Cli.Commands;
using Spectre.Console;

// Redirected output (CI, a log file) has no terminal width; tables then wrap at 80 columns.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160;
}

var root = new RootCommand("Edgewise: IoT edge nodes that process sensor readings or hand the work to a peer.")
{
    NodeCommand.Create(),
    SimulateCommand.Create(),
    DemoCommand.Create(),
    KeysCommand.Create(),
    CertsCommand.Create(),
    TrainCommand.Create(),
    SimCommand.Create(),
    BenchCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
