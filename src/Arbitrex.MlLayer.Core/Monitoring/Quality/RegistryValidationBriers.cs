using System.Collections.Concurrent;
using System.Text.Json;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>
/// Validation Brier scores from the registry's metadata of each signal filter version: the <c>brier_score</c>
/// the <c>train</c> verb writes (or one given in a register body's free-form metadata). Read once per version
/// and kept for <see cref="RefreshAfter"/>, so alert evaluation does not read files every few seconds.
/// </summary>
public sealed class RegistryValidationBriers(ModelRegistry registry, TimeProvider? timeProvider = null) : IValidationBriers
{
    public const string MetadataField = "brier_score";

    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, (double? Brier, DateTimeOffset ReadAt)> _known = new(StringComparer.Ordinal);

    public double? ValidationBrierOf(string signalFilterVersion)
    {
        ArgumentNullException.ThrowIfNull(signalFilterVersion);
        var now = _time.GetUtcNow();
        if (_known.TryGetValue(signalFilterVersion, out var known) && now - known.ReadAt < RefreshAfter)
        {
            return known.Brier;
        }

        var brier = Read(signalFilterVersion);
        _known[signalFilterVersion] = (brier, now);
        return brier;
    }

    /// <summary>The metadata's <c>brier_score</c> when it is a finite number in [0, 1]; null otherwise.</summary>
    public static double? FromMetadata(ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Extra is { } extra
            && extra.TryGetValue(MetadataField, out var value)
            && value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out var brier)
            && brier is >= 0 and <= 1
            ? brier
            : null;
    }

    private double? Read(string version)
    {
        try
        {
            return FromMetadata(registry.LoadMetadata(ModelNames.SignalFilter, version));
        }
        catch (ModelRegistryException)
        {
            // An unregistered version (or unreadable metadata) has no validation Brier: its rule stays silent.
            return null;
        }
    }
}
