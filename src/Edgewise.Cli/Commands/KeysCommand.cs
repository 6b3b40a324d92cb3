using System.CommandLine;
using System.Globalization;
using Edgewise.Node.Security;

namespace Edgewise.Cli.Commands;

/// <summary>
/// <c>edgewise keys create|list|revoke</c>: manages a node's API keys in its key store file. A
/// running node picks changes up within a second; the key itself is printed once, at creation.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Manage the API keys devices use (stored hashed in the node's data directory)");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Revoke());

        return command;
    }

    private static Command CreateKey()
    {
        var (data, file) = StoreOptions();
        var name = new Option<string>("--name") { Description = "Label for people, e.g. the fleet or script that holds the key" };
        var devices = new Option<string[]>("--devices")
        {
            Description = "Device ids the key may send for, comma-separated; 'prefix*' matches a prefix. Default: every device",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("create", "Make a key and print it once; only its hash is stored") { data, file, name, devices };
        command.SetAction(parse => Run(() =>
        {
            var scope = (parse.GetValue(devices) ?? [])
                .SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToArray();
            var path = StorePath(parse, data, file);
            var (record, key) = KeyStore.Create(path, parse.GetValue(name) ?? "unnamed", scope, DateTimeOffset.UtcNow);
            Console.Error.WriteLine(
                $"Created key {record.Id} ('{record.Name}', devices: {Scope(record)}) in {path}. "
                + "It is shown once, below; send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");
            Console.WriteLine(key);
        }));

        return command;
    }

    private static Command List()
    {
        var (data, file) = StoreOptions();
        var command = new Command("list", "List the keys: id, name, devices, created, revoked") { data, file };
        command.SetAction(parse => Run(() =>
        {
            var path = StorePath(parse, data, file);
            var keys = KeyStore.Load(path);
            if (keys.Count == 0)
            {
                Console.WriteLine($"No keys in {path}.");
            }

            foreach (var key in keys)
            {
                var state = key.Revoked is { } revoked ? $"revoked {Time(revoked)}" : "valid";
                Console.WriteLine($"{key.Id}  {key.Name}  devices: {Scope(key)}  created {Time(key.Created)}  {state}");
            }
        }));

        return command;
    }

    private static Command Revoke()
    {
        var (data, file) = StoreOptions();
        var id = new Argument<string>("id") { Description = "The key's id, as `edgewise keys list` shows it" };
        var command = new Command("revoke", "Revoke a key; running nodes refuse it within a second") { data, file, id };
        command.SetAction(parse =>
        {
            var path = StorePath(parse, data, file);
            var keyId = parse.GetValue(id)!;

            return Run(() =>
            {
                if (!KeyStore.Revoke(path, keyId, DateTimeOffset.UtcNow))
                {
                    throw new ArgumentException($"No key '{keyId}' in {path}.");
                }

                Console.WriteLine($"Revoked key {keyId} in {path}.");
            });
        });

        return command;
    }

    private static (Option<string> Data, Option<string> File) StoreOptions() =>
        (new Option<string>("--data") { Description = "The node's data directory (default ./.edgewise/node)" },
         new Option<string>("--file") { Description = "The key store file, instead of keys.json in --data" });

    private static string StorePath(ParseResult parse, Option<string> data, Option<string> file) =>
        parse.GetValue(file) is { Length: > 0 } path
            ? path
            : KeyStore.PathIn(parse.GetValue(data) ?? Path.Combine(".edgewise", "node"));

    private static string Scope(ApiKeyRecord key) => key.Devices.Count == 0 ? "all" : string.Join(',', key.Devices);

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static int Run(Action action) => CommandErrors.Run("keys", action, typeof(InvalidDataException));
}
