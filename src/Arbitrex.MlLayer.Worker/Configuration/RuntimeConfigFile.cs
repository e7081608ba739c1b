using System.Text;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.IO;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Worker.Json;

namespace Arbitrex.MlLayer.Worker.Configuration;

/// <summary>
/// The persisted runtime config (the whole effective document, written atomically) and the
/// append-only, hash-chained log of admin changes beside it (<c>config_changes.jsonl</c>, see <see cref="ChangeLogFile"/>).
/// </summary>
public sealed class RuntimeConfigFile(string path)
{
    private ChangeLogFile? _changeLog;

    // Encoding.UTF8 writes a byte order mark, which Python's json.loads and jq refuse.
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string ChangeLogPath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, ChangeLogFile.FileName);

    /// <summary>The persisted document merged over <paramref name="startup"/>, or <paramref name="startup"/> when nothing was persisted.</summary>
    /// <exception cref="InvalidConfigException">The file exists but is not a valid config document.</exception>
    public EngineConfig ApplyTo(EngineConfig startup) => ApplyTo(startup, []);

    /// <summary>As <see cref="ApplyTo(EngineConfig)"/>; the persisted custom alert rules may not take the name of a host rule either.</summary>
    /// <exception cref="InvalidConfigException">The file exists but is not a valid config document.</exception>
    public EngineConfig ApplyTo(EngineConfig startup, IReadOnlyCollection<string> hostAlertRuleNames)
    {
        if (!File.Exists(Path))
        {
            return startup;
        }

        try
        {
            var config = EngineConfigJson.Merge(startup, File.ReadAllText(Path));
            EngineConfigValidator.ThrowIfInvalid(config, hostAlertRuleNames);
            return config;
        }
        catch (InvalidConfigException ex)
        {
            throw new InvalidConfigException([.. ex.Errors.Select(e => e with { Message = $"{e.Message} (in persisted runtime config '{Path}'; fix or delete it)" })]);
        }
    }

    public void Save(EngineConfig config)
    {
        AtomicFile.Write(Path, Utf8NoBom.GetBytes(EngineConfigJson.Serialize(config, indented: true)));
    }

    /// <summary>The persisted document as it is on disk, or null when there is none; for <see cref="Restore"/>.</summary>
    public string? ReadRaw() => File.Exists(Path) ? File.ReadAllText(Path) : null;

    /// <summary>Puts back what <see cref="ReadRaw"/> returned: that text, or no file.</summary>
    public void Restore(string? raw)
    {
        if (raw is null)
        {
            File.Delete(Path);
            return;
        }

        AtomicFile.Write(Path, Utf8NoBom.GetBytes(raw));
    }

    /// <summary>Appends <paramref name="change"/> as the next record of the chained change log.</summary>
    public void AppendChange(ConfigChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var changeLog = LazyInitializer.EnsureInitialized(ref _changeLog, () => new ChangeLogFile(ChangeLogPath));
        changeLog.Append(JsonSerializer.SerializeToNode(change, WorkerJson.Contract.TypeInfo<ConfigChange>())!.AsObject());
    }
}
