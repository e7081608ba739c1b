using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Arbitrex.MlLayer.Core.IO;
using Arbitrex.MlLayer.Core.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>
/// The on-disk model registry (DESIGN.md §4): <c>registry_index.json</c> under <see cref="Root"/>, artifacts
/// at <c>&lt;name&gt;/&lt;version&gt;_&lt;kind&gt;.json</c> (<c>.txt</c> for LightGBM), metadata at <c>&lt;name&gt;/metadata/&lt;version&gt;_metadata.json</c>.
/// Writes take a lock (in-process and across processes); files are written to a temp file and renamed,
/// artifact and metadata first and the index last, so a crash leaves the previous index intact.
/// Thread-safe.
/// </summary>
// Over 300 lines on purpose: registering, activating, deleting and reading a version all run under the one registry
// lock and keep index.json and the artifacts consistent; splitting them would spread that invariant over files.
public sealed partial class ModelRegistry
{
    public const string IndexFileName = "registry_index.json";

    private const long MaxArtifactBytes = 256L * 1024 * 1024;

    private readonly Dictionary<ModelKind, IModelArtifactValidator> _validators;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan _lockTimeout;

    /// <param name="root">The registry folder (e.g. <c>models/</c>); created if absent.</param>
    /// <param name="validators">One validator per kind that may be registered.</param>
    /// <param name="lockTimeout">How long a write waits for another registration; default 10 s.</param>
    public ModelRegistry(
        string root, IEnumerable<IModelArtifactValidator> validators, TimeProvider timeProvider,
        ILogger<ModelRegistry>? logger = null, TimeSpan? lockTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentNullException.ThrowIfNull(validators);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _validators = validators.ToDictionary(v => v.Kind);
        _timeProvider = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _lockTimeout = lockTimeout ?? TimeSpan.FromSeconds(10);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Relative artifact path for a version, e.g. <c>signal_filter/v1.1.0_xgboost.json</c>.</summary>
    /// <remarks>A version that already ends with the kind's label (<c>v1.0.0_rule_based</c>) does not repeat it.</remarks>
    public static string ArtifactPathFor(string name, string version, ModelKind kind)
    {
        var suffix = ModelKinds.FileSuffix(kind);
        var label = suffix[..suffix.LastIndexOf('.')];
        return $"{name}/{(version.EndsWith(label, StringComparison.Ordinal) ? version[..^label.Length] : version)}{suffix}";
    }

    /// <summary>Relative metadata path for a version, e.g. <c>signal_filter/metadata/v1.1.0_metadata.json</c>.</summary>
    public static string MetadataPathFor(string name, string version) => $"{name}/metadata/{version}_metadata.json";

    /// <summary>
    /// An index entry for an artifact that already sits at its conventional place under <paramref name="root"/>
    /// (e.g. the rule-based artifacts shipped in the repo), hashed as it is now.
    /// </summary>
    /// <exception cref="ModelNotFoundException">The artifact or its metadata file is absent.</exception>
    public static RegistryEntry DescribeExisting(string root, string name, string version, ModelKind kind, DateTimeOffset registeredAt)
    {
        ValidateName(name);
        ValidateVersion(version);
        var artifactPath = ArtifactPathFor(name, version, kind);
        var metadataPath = MetadataPathFor(name, version);
        var artifact = Path.Combine(root, artifactPath);
        if (!File.Exists(artifact) || !File.Exists(Path.Combine(root, metadataPath)))
        {
            throw new ModelNotFoundException($"Expected '{artifactPath}' and '{metadataPath}' under '{root}'.");
        }

        return new RegistryEntry
        {
            Name = name,
            Version = version,
            Kind = kind,
            ArtifactPath = artifactPath,
            Sha256 = Sha256Of(File.ReadAllBytes(artifact)),
            RegisteredAt = registeredAt,
            MetadataPath = metadataPath,
        };
    }

    /// <summary>
    /// Validates the artifact at <paramref name="sourcePath"/> and copies it, with <paramref name="metadata"/>,
    /// into the registry. A refused artifact changes nothing.
    /// </summary>
    /// <exception cref="InvalidModelException">Unknown name, bad version, no validator for the kind, unreadable source, metadata or artifact refused.</exception>
    /// <exception cref="ModelConflictException">The version is already registered.</exception>
    /// <exception cref="ModelRegistryBusyException">Another registration held the lock too long.</exception>
    public async Task<RegistryEntry> RegisterAsync(string name, string version, string sourcePath, ModelKind kind, ModelMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        ValidateName(name);
        ValidateVersion(version);
        return await RegisterAsync(name, version, ReadSource(sourcePath), kind, metadata, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As <see cref="RegisterAsync(string, string, string, ModelKind, ModelMetadata, CancellationToken)"/>, with the artifact's bytes.</summary>
    public async Task<RegistryEntry> RegisterAsync(string name, string version, ReadOnlyMemory<byte> artifact, ModelKind kind, ModelMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ValidateName(name);
        ValidateVersion(version);
        try
        {
            metadata = Validate(name, artifact.Span, kind, metadata);
        }
        catch (InvalidModelException e)
        {
            Log.RegistrationRefused(_logger, name, version, e.Message);
            throw;
        }

        var entry = new RegistryEntry
        {
            Name = name,
            Version = version,
            Kind = kind,
            ArtifactPath = ArtifactPathFor(name, version, kind),
            Sha256 = Sha256Of(artifact.Span),
            RegisteredAt = _timeProvider.GetUtcNow(),
            MetadataPath = MetadataPathFor(name, version),
        };
        using (await RegistryLock.AcquireAsync(Root, _lockTimeout, cancellationToken).ConfigureAwait(false))
        {
            var index = ReadIndex();
            if (index.Models.Any(m => m.Name == name && m.Version == version))
            {
                throw new ModelConflictException($"{name} {version} is already registered; register a new version instead.");
            }

            // v1.0.0 as rule_based would be stored where the shipped v1.0.0_rule_based lives.
            if (index.Models.FirstOrDefault(m => m.ArtifactPath == entry.ArtifactPath || m.MetadataPath == entry.MetadataPath) is { } sharing)
            {
                throw new ModelConflictException($"{name} {version} would be stored in the files of {sharing.Name} {sharing.Version}; register another version.");
            }

            AtomicFile.Write(FullPath(entry.ArtifactPath), artifact.Span);
            AtomicFile.Write(FullPath(entry.MetadataPath), JsonSerializer.SerializeToUtf8Bytes(metadata, RegistryJson.Options.TypeInfo<ModelMetadata>()));
            WriteIndex(index with { Models = [.. index.Models, entry] });
        }

        Log.Registered(_logger, name, version, kind, entry.Sha256);
        return entry;
    }

    /// <summary>
    /// Indexes an artifact and metadata file already at their conventional paths (see <see cref="DescribeExisting"/>),
    /// after validating the artifact as <see cref="RegisterAsync(string, string, string, ModelKind, ModelMetadata, CancellationToken)"/> does.
    /// </summary>
    public async Task<RegistryEntry> IndexExistingAsync(string name, string version, ModelKind kind, CancellationToken cancellationToken = default)
    {
        var entry = DescribeExisting(Root, name, version, kind, _timeProvider.GetUtcNow());
        var metadata = ReadMetadata(entry);
        Validate(name, File.ReadAllBytes(FullPath(entry.ArtifactPath)), kind, metadata);
        using (await RegistryLock.AcquireAsync(Root, _lockTimeout, cancellationToken).ConfigureAwait(false))
        {
            var index = ReadIndex();
            if (index.Models.Any(m => m.Name == name && m.Version == version))
            {
                throw new ModelConflictException($"{name} {version} is already registered.");
            }

            WriteIndex(index with { Models = [.. index.Models, entry] });
        }

        Log.Registered(_logger, name, version, kind, entry.Sha256);
        return entry;
    }

    /// <summary>Every registered version of every model, ordered by name then version.</summary>
    public IReadOnlyList<RegistryEntry> List() => ReadIndex().Models;

    /// <summary>The registered versions of one model, oldest version number first (empty when none).</summary>
    /// <exception cref="ModelNotFoundException">The name is not a known model.</exception>
    public IReadOnlyList<RegistryEntry> Versions(string name)
    {
        if (!ModelNames.All.Contains(name))
        {
            throw new ModelNotFoundException($"Unknown model '{name}'; known models: {string.Join(", ", ModelNames.All)}.");
        }

        return [.. ReadIndex().Models.Where(m => m.Name == name)];
    }

    /// <exception cref="ModelNotFoundException">The version is not registered.</exception>
    public RegistryEntry Get(string name, string version) =>
        ReadIndex().Models.FirstOrDefault(m => m.Name == name && m.Version == version)
        ?? throw NotFound(name, version);

    /// <summary>Reads a registered artifact and checks it against the SHA-256 recorded at registration.</summary>
    /// <exception cref="ModelNotFoundException">The version is not registered.</exception>
    /// <exception cref="ModelIntegrityException">The file is missing or its content changed since registration.</exception>
    public RegisteredArtifact LoadArtifact(string name, string version)
    {
        var entry = Get(name, version);
        byte[] content;
        try
        {
            content = File.ReadAllBytes(FullPath(entry.ArtifactPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelIntegrityException($"The artifact of {name} {version} ('{entry.ArtifactPath}') cannot be read: {e.Message}", e);
        }

        if (!string.Equals(Sha256Of(content), entry.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            Log.Tampered(_logger, name, version);
            throw new ModelIntegrityException(
                $"The artifact of {name} {version} ('{entry.ArtifactPath}') does not match the SHA-256 recorded at registration; it was modified and is refused.");
        }

        return new RegisteredArtifact { Entry = entry, Content = content };
    }

    /// <exception cref="ModelNotFoundException">The version is not registered.</exception>
    /// <exception cref="ModelIntegrityException">The metadata file is missing or unreadable.</exception>
    public ModelMetadata LoadMetadata(string name, string version) => ReadMetadata(Get(name, version));

    /// <summary>Removes a version from the index, then its files. The active version (per <paramref name="isActive"/>) is refused.</summary>
    /// <param name="isActive">Given (name, version): whether the engine's configuration currently serves it.</param>
    /// <exception cref="ModelNotFoundException">The version is not registered.</exception>
    /// <exception cref="ModelConflictException">The version is active.</exception>
    public Task<RegistryEntry> DeleteAsync(string name, string version, Func<string, string, bool> isActive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isActive);
        return DeleteAsync(
            name,
            version,
            (_, remove) =>
            {
                if (isActive(name, version))
                {
                    throw ActiveVersionConflict(name, version);
                }

                remove();
            },
            cancellationToken);
    }

    /// <summary>
    /// Removes a version from the index, then its files. <paramref name="guard"/> runs under the registry lock and is
    /// given the version's entry and the removal: it throws to refuse (e.g. <see cref="ActiveVersionConflict"/>) or calls it, so a caller can
    /// hold a lock of its own (the configuration's) across its check and the removal.
    /// </summary>
    /// <exception cref="ModelNotFoundException">The version is not registered.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="guard"/> returned without removing or refusing.</exception>
    public async Task<RegistryEntry> DeleteAsync(string name, string version, Action<RegistryEntry, Action> guard, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(guard);
        RegistryEntry entry;
        using (await RegistryLock.AcquireAsync(Root, _lockTimeout, cancellationToken).ConfigureAwait(false))
        {
            var index = ReadIndex();
            entry = index.Models.FirstOrDefault(m => m.Name == name && m.Version == version) ?? throw NotFound(name, version);
            var removed = false;
            guard(entry, () =>
            {
                WriteIndex(index with { Models = [.. index.Models.Where(m => m != entry)] });
                removed = true;
                DeleteFiles(entry);
            });
            if (!removed)
            {
                throw new InvalidOperationException($"The delete of {name} {version} was neither made nor refused.");
            }
        }

        Log.Deleted(_logger, name, version);
        return entry;
    }

    /// <summary>The refusal to delete the version the engine runs.</summary>
    public static ModelConflictException ActiveVersionConflict(string name, string version) =>
        new($"{name} {version} is the active version; activate another version before deleting it.");

    /// <summary>Lower-case hex SHA-256, as stored in the index.</summary>
    public static string Sha256Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private void DeleteFiles(RegistryEntry entry)
    {
        foreach (var path in new[] { entry.ArtifactPath, entry.MetadataPath })
        {
            try
            {
                File.Delete(FullPath(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.LeftoverFile(_logger, path, e);
            }
        }
    }

    private ModelMetadata Validate(string name, ReadOnlySpan<byte> artifact, ModelKind kind, ModelMetadata metadata)
    {
        if (!Enum.IsDefined(kind) || !_validators.TryGetValue(kind, out var validator))
        {
            throw new InvalidModelException($"Artifacts of kind '{kind}' cannot be registered here.") { Field = "kind" };
        }

        ValidateMetadata(metadata);
        var features = validator.Validate(name, artifact);
        if (metadata.FeatureCount is { } count && count != features.Count)
        {
            throw new InvalidModelException($"metadata.features says the model reads {count} features; the artifact reads {features.Count}.")
            {
                Field = "metadata.features",
            };
        }

        if (metadata.Features.Count == 0)
        {
            return metadata with { Features = features };
        }

        var undeclared = metadata.Features.Except(features, StringComparer.Ordinal).ToList();
        var unlisted = features.Except(metadata.Features, StringComparer.Ordinal).ToList();
        if (undeclared.Count > 0 || unlisted.Count > 0)
        {
            throw new InvalidModelException(
                $"The metadata's features do not match the artifact's: listed but not read [{string.Join(", ", undeclared)}], read but not listed [{string.Join(", ", unlisted)}].")
            {
                Field = "metadata.features",
            };
        }

        return metadata;
    }

    private static void ValidateMetadata(ModelMetadata metadata)
    {
        if (metadata.Auc is { } auc && !(auc >= 0 && auc <= 1))
        {
            throw new InvalidModelException($"metadata.auc must be between 0 and 1, got {auc}.") { Field = "metadata.auc" };
        }

        if (metadata.Accuracy is { } accuracy && !(accuracy >= 0 && accuracy <= 1))
        {
            throw new InvalidModelException($"metadata.accuracy must be between 0 and 1, got {accuracy}.") { Field = "metadata.accuracy" };
        }

        if (metadata.TrainingSamples is < 0)
        {
            throw new InvalidModelException("metadata.training_samples must not be negative.") { Field = "metadata.training_samples" };
        }

        if (metadata.FeatureImportance.Values.Any(v => !double.IsFinite(v)))
        {
            throw new InvalidModelException("metadata.feature_importance must hold finite numbers.") { Field = "metadata.feature_importance" };
        }
    }

    private static void ValidateName(string name)
    {
        if (!ModelNames.All.Contains(name))
        {
            throw new InvalidModelException($"Unknown model '{name}'; known models: {string.Join(", ", ModelNames.All)}.") { Field = "model_name" };
        }
    }

    private static void ValidateVersion(string version)
    {
        if (version is null || !VersionPattern().IsMatch(version))
        {
            throw new InvalidModelException($"Version '{version}' is not of the form v<major>.<minor>.<patch>, optionally with a lower-case label, e.g. v1.2.0 or v1.1.0_lightgbm.") { Field = "version" };
        }
    }

    private static byte[] ReadSource(string sourcePath)
    {
        try
        {
            var length = new FileInfo(sourcePath).Length;
            if (length > MaxArtifactBytes)
            {
                throw new InvalidModelException($"The artifact '{sourcePath}' is {length} bytes; the limit is {MaxArtifactBytes}.");
            }

            return File.ReadAllBytes(sourcePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidModelException($"The artifact '{sourcePath}' cannot be read: {e.Message}", e);
        }
    }

    private RegistryIndex ReadIndex()
    {
        var path = Path.Combine(Root, IndexFileName);
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return new RegistryIndex();
        }

        RegistryIndex? index;
        try
        {
            index = JsonSerializer.Deserialize(content, RegistryJson.Options.TypeInfo<RegistryIndex>());
        }
        catch (JsonException e)
        {
            throw new ModelIntegrityException($"The registry index '{path}' is unreadable: {e.Message}", e);
        }

        if (index is null || index.FormatVersion != RegistryIndex.CurrentFormatVersion)
        {
            throw new ModelIntegrityException(
                $"The registry index '{path}' has format_version {index?.FormatVersion}; this build reads {RegistryIndex.CurrentFormatVersion}.");
        }

        return index;
    }

    private void WriteIndex(RegistryIndex index)
    {
        var ordered = index with
        {
            Models = [.. index.Models.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => VersionKey(m.Version)).ThenBy(m => m.Version, StringComparer.Ordinal)],
        };
        AtomicFile.Write(Path.Combine(Root, IndexFileName), JsonSerializer.SerializeToUtf8Bytes(ordered, RegistryJson.Options.TypeInfo<RegistryIndex>()));
    }

    private ModelMetadata ReadMetadata(RegistryEntry entry)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(FullPath(entry.MetadataPath)), RegistryJson.Options.TypeInfo<ModelMetadata>())
                ?? throw new ModelIntegrityException($"The metadata file '{entry.MetadataPath}' is empty.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ModelIntegrityException($"The metadata file '{entry.MetadataPath}' cannot be read: {e.Message}", e);
        }
    }

    private string FullPath(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ModelIntegrityException($"The registry index points outside the registry: '{relativePath}'.");
        }

        return full;
    }

    private static (int Major, int Minor, int Patch) VersionKey(string version)
    {
        var match = VersionPattern().Match(version);
        return match.Success
            ? (int.Parse(match.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture),
               int.Parse(match.Groups[2].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture),
               int.Parse(match.Groups[3].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture))
            : (int.MaxValue, int.MaxValue, int.MaxValue);
    }

    private static ModelNotFoundException NotFound(string name, string version) =>
        new($"{name} {version} is not registered.");

    // A label after the number (v1.0.0_rule_based, v1.1.0_lightgbm) is allowed, as the seed's registry names them.
    [GeneratedRegex(@"^v(\d{1,6})\.(\d{1,6})\.(\d{1,6})(?:_[a-z0-9]{1,32}(?:_[a-z0-9]{1,32}){0,3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
