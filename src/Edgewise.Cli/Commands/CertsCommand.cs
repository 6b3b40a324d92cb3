using System.CommandLine;
using System.Net;
using System.Security.Cryptography;
using Edgewise.Node.Security;

namespace Edgewise.Cli.Commands;

/// <summary>
/// <c>edgewise certs init|node</c>: makes the cluster's certificate authority and each node's
/// certificate as PEM files with .NET's own cryptography; no openssl needed.
/// </summary>
internal static class CertsCommand
{
    public static Command Create()
    {
        var command = new Command("certs", "Make the cluster's certificate authority and the nodes' certificates (mutual TLS between nodes)");
        command.Subcommands.Add(Init());
        command.Subcommands.Add(Node());

        return command;
    }

    private static Command Init()
    {
        var directory = Directory();
        var name = new Option<string>("--name")
        {
            Description = "The authority's name",
            DefaultValueFactory = _ => "Edgewise cluster CA",
        };
        var command = new Command("init", "Make a new certificate authority (ca.pem, ca.key) in --dir") { directory, name };
        command.SetAction(parse => Run(() =>
        {
            var path = ClusterCertificates.CreateAuthority(parse.GetValue(directory)!, parse.GetValue(name)!, DateTimeOffset.UtcNow);
            Console.WriteLine($"Created the cluster's authority {path}; its key ca.key signs nodes: keep it off the nodes.");
        }));

        return command;
    }

    private static Command Node()
    {
        var directory = Directory();
        var id = new Option<string>("--id") { Description = "The node's id; names the files <id>.pem and <id>.key", Required = true };
        var dns = new Option<string[]>("--dns")
        {
            Description = "Host names peers dial this node by, comma-separated or repeated",
            AllowMultipleArgumentsPerToken = true,
        };
        var ip = new Option<string[]>("--ip")
        {
            Description = "IP addresses peers dial this node by, comma-separated or repeated",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("node", "Make a node's certificate signed by the authority in --dir") { directory, id, dns, ip };
        command.SetAction(parse => Run(() =>
        {
            var addresses = Split(parse.GetValue(ip))
                .Select(value => IPAddress.TryParse(value, out var address)
                    ? address
                    : throw new ArgumentException($"--ip '{value}' is not an IP address."))
                .ToArray();
            var files = ClusterCertificates.CreateNode(
                parse.GetValue(directory)!,
                parse.GetValue(id)!,
                Split(parse.GetValue(dns)),
                addresses,
                DateTimeOffset.UtcNow);
            Console.WriteLine($"Created {files.Certificate} and {files.Key}. Start the node with "
                + $"--ca {files.Ca} --cert {files.Certificate} --key {files.Key} and https:// cluster URLs.");
        }));

        return command;
    }

    private static Option<string> Directory() => new("--dir")
    {
        Description = "Folder of the authority and the node certificates",
        DefaultValueFactory = _ => Path.Combine(".edgewise", "certs"),
    };

    private static string[] Split(string[]? values) =>
        [.. (values ?? []).SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static int Run(Action action) => CommandErrors.Run("certs", action, typeof(CryptographicException));
}
