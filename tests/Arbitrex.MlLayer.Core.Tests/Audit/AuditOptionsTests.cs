using System.ComponentModel.DataAnnotations;
using Arbitrex.MlLayer.Core.Audit;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

[Trait("Category", "Unit")]
public sealed class AuditOptionsTests
{
    [Fact]
    public void Defaults_write_to_logs_ml_layer_with_daily_and_100_MiB_rotation()
    {
        var options = new AuditOptions();

        Assert.Equal("Audit", AuditOptions.SectionName);
        Assert.True(options.Enabled);
        Assert.Equal("logs/ml_layer", options.Directory);
        Assert.Equal(100L * 1024 * 1024, options.MaxFileBytes);
        Assert.True(options.RotateDaily);
        Assert.False(options.FlushToDisk);
        Assert.Empty(Validate(options));
    }

    [Theory]
    [InlineData("directory", "Audit:Directory must name a folder.")]
    [InlineData("max_file_bytes", "Audit:MaxFileBytes must be at least 1024.")]
    [InlineData("max_batch_size", "Audit:MaxBatchSize must be between 1 and 1000000.")]
    [InlineData("queue_capacity", "Audit:QueueCapacity must be between 1 and 10000000.")]
    public void An_invalid_value_is_refused_with_a_message_naming_the_key(string broken, string message)
    {
        var options = new AuditOptions();
        switch (broken)
        {
            case "directory": options.Directory = ""; break;
            case "max_file_bytes": options.MaxFileBytes = 1023; break;
            case "max_batch_size": options.MaxBatchSize = 0; break;
            default: options.QueueCapacity = 0; break;
        }

        Assert.Equal([message], Validate(options));
    }

    private static List<string?> Validate(AuditOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.ConvertAll(r => r.ErrorMessage);
    }
}
