namespace Edgewise.Cli.Commands;

/// <summary>Runs a command's work and turns the errors a user can fix into a message and exit code 2.</summary>
internal static class CommandErrors
{
    public static int Run(string command, Action action, params Type[] expected)
    {
        try
        {
            action();

            return 0;
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or UnauthorizedAccessException
            || expected.Any(type => type.IsInstanceOfType(exception)))
        {
            Console.Error.WriteLine($"edgewise {command}: {exception.Message}");

            return 2;
        }
    }
}
