using System.ComponentModel.DataAnnotations;
using Arbitrex.MlLayer.Core.Configuration;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>Settings of the audit log (configuration section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>When false no record is written and <see cref="AuditLogWriter.AppendAsync"/> completes at once. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Folder of <c>predictions.jsonl</c> and its rotated files, relative to the working directory. Default <c>logs/ml_layer</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Audit:Directory must name a folder.")]
    public string Directory { get; set; } = "logs/ml_layer";

    /// <summary>
    /// The active file is rotated before a record would take it past this size. A single record
    /// larger than this still gets a file of its own. Default 100 MiB; at least 1 KiB.
    /// </summary>
    [OptionRange(1024L, long.MaxValue, ErrorMessage = "Audit:MaxFileBytes must be at least 1024.")]
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Rotate the active file when the UTC day changes. Default true.</summary>
    public bool RotateDaily { get; set; } = true;

    /// <summary>
    /// False (default): a record is acknowledged once it is handed to the operating system, which survives
    /// a crash of this process. True: also fsync each batch, which survives a power loss but costs a disk
    /// round trip per batch.
    /// </summary>
    public bool FlushToDisk { get; set; }

    /// <summary>At most this many records are written between two flushes. Default 1024.</summary>
    [OptionRange(1, 1_000_000, ErrorMessage = "Audit:MaxBatchSize must be between 1 and 1000000.")]
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>Records waiting for the writer; appenders wait when it is full. Default 65536.</summary>
    [OptionRange(1, 10_000_000, ErrorMessage = "Audit:QueueCapacity must be between 1 and 10000000.")]
    public int QueueCapacity { get; set; } = 65_536;
}
