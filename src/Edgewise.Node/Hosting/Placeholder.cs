namespace Edgewise.Node.Hosting;

internal static class Placeholder;
