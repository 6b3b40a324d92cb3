using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.Loader;

namespace Edgewise.Placement;

/// <summary>
/// Every policy a node, the simulator or the live benchmark can run, by name: the classic ones
/// of <see cref="PlacementPolicies"/>, policies registered in code (the extension hook, for
/// example the learned policy), and policies found in user assemblies named in configuration.
/// A user policy is a public, non-abstract class implementing <see cref="IPlacementPolicy"/>
/// with a public parameterless constructor; its <see cref="IPlacementPolicy.Name"/> is its name
/// here. Names ignore case. Not thread-safe while being filled; safe to read afterwards.
/// </summary>
public sealed class PolicyCatalog
{
    private readonly Dictionary<string, Func<IPlacementPolicy>> _factories = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _names = [];

    /// <summary>Creates a catalogue holding the classic policies (and the alias "sed").</summary>
    public PolicyCatalog()
    {
        foreach (var name in PlacementPolicies.Names)
        {
            Register(name, () => PlacementPolicies.Create(name));
        }

        _factories["sed"] = () => PlacementPolicies.Create("sed");
    }

    /// <summary>The registered names, classic ones first, then in registration order (no aliases).</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>
    /// Registers (or replaces) a policy under <paramref name="name"/>. This is the hook through
    /// which a host adds policies that need more than a parameterless constructor, such as the
    /// learned policy with its model.
    /// </summary>
    public void Register(string name, Func<IPlacementPolicy> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);

        if (!_factories.ContainsKey(name))
        {
            _names.Add(name);
        }

        _factories[name] = factory;
    }

    /// <summary>True when <paramref name="name"/> is registered.</summary>
    public bool Contains(string name) => _factories.ContainsKey(name.Trim());

    /// <summary>Creates a new instance of the named policy.</summary>
    /// <exception cref="ArgumentException">No policy has that name.</exception>
    public IPlacementPolicy Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        return _factories.TryGetValue(name.Trim(), out var factory)
            ? factory()
            : throw new ArgumentException(
                $"Unknown placement policy '{name}'; valid names are {string.Join(", ", _names)}.",
                nameof(name));
    }

    /// <summary>
    /// Loads the assembly at <paramref name="path"/> and registers every policy class in it;
    /// returns the names registered.
    /// </summary>
    /// <exception cref="ArgumentException">The file is missing, is not a .NET assembly, or holds no policy.</exception>
    [RequiresUnreferencedCode("Loads policy classes from a user assembly by reflection.")]
    [UnconditionalSuppressMessage(
        "Trimming",
        "IL2072",
        Justification = "A user assembly is loaded whole at run time; its constructors are not trimmed.")]
    public IReadOnlyList<string> LoadAssembly(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ArgumentException($"Policy assembly '{path}' does not exist (looked at {fullPath}).", nameof(path));
        }

        Assembly assembly;
        try
        {
            assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
        }
        catch (BadImageFormatException exception)
        {
            throw new ArgumentException($"Policy assembly '{path}' is not a .NET assembly: {exception.Message}", nameof(path));
        }

        var added = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            if (type.IsAbstract || !typeof(IPlacementPolicy).IsAssignableFrom(type) || !HasParameterlessConstructor(type))
            {
                continue;
            }

            var policyType = type;
            var name = Instantiate(policyType).Name;
            Register(name, () => Instantiate(policyType));
            added.Add(name);
        }

        if (added.Count == 0)
        {
            throw new ArgumentException(
                $"Policy assembly '{path}' holds no public class implementing IPlacementPolicy with a parameterless constructor.",
                nameof(path));
        }

        return added;
    }

    private static IPlacementPolicy Instantiate(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type type) =>
        (IPlacementPolicy)Activator.CreateInstance(type)!;

    private static bool HasParameterlessConstructor(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type type) =>
        type.GetConstructor(Type.EmptyTypes) is not null;
}
