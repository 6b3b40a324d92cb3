namespace Edgewise.Core.Tests.Vibration;

/// <summary>Synthetic vibration windows for tests, reproducible from a seed.</summary>
internal static class Signals
{
    public const double SampleRateHz = 20_480;

    public static float[] Sine(int n, double frequencyHz, double amplitude, double offset = 0)
    {
        var samples = new float[n];
        for (var i = 0; i < n; i++)
        {
            var phase = 2 * Math.PI * frequencyHz * i / SampleRateHz;
            samples[i] = (float)(offset + (amplitude * Math.Sin(phase)));
        }

        return samples;
    }

    /// <summary>A 1 kHz machine tone with random phase plus Gaussian noise.</summary>
    public static float[] NoisySine(Random random, int n = 4096, double noise = 0.05)
    {
        var phase = random.NextDouble() * 2 * Math.PI;
        var samples = new float[n];
        for (var i = 0; i < n; i++)
        {
            var tone = 0.5 * Math.Sin((2 * Math.PI * 1_000 * i / SampleRateHz) + phase);
            samples[i] = (float)(tone + (noise * Gaussian(random)));
        }

        return samples;
    }

    public static float[] AddTone(float[] samples, double frequencyHz, double amplitude)
    {
        var result = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            var tone = amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / SampleRateHz);
            result[i] = (float)(samples[i] + tone);
        }

        return result;
    }

    /// <summary>Adds a ringing impulse every <paramref name="period"/> samples, like a spall.</summary>
    public static float[] AddImpulses(float[] samples, int period, double amplitude)
    {
        var result = (float[])samples.Clone();
        for (var start = period / 2; start < result.Length; start += period)
        {
            for (var j = 0; j < 40 && start + j < result.Length; j++)
            {
                var ring = Math.Exp(-j / 8.0) * Math.Sin(2 * Math.PI * 4_000 * j / SampleRateHz);
                result[start + j] += (float)(amplitude * ring);
            }
        }

        return result;
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller; 1 - NextDouble() keeps the logarithm's argument above zero.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();

        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
