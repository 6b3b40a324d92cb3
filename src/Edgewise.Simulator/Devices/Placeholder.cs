namespace Edgewise.Simulator.Devices;

internal static class Placeholder;
