namespace Edgewise.Simulator.Devices;

/// <summary>Which columns of the household power file a device replays.</summary>
public enum HouseholdChannel
{
    /// <summary>The whole-house meter: Global_active_power (kW) and Voltage (V).</summary>
    Meter,

    /// <summary>Sub_metering_1, the kitchen (Wh per minute).</summary>
    Kitchen,

    /// <summary>Sub_metering_2, the laundry room (Wh per minute).</summary>
    Laundry,

    /// <summary>Sub_metering_3, the water heater and air conditioner (Wh per minute).</summary>
    Heating,
}
