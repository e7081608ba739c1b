using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.IO;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Core.Monitoring.Drift;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Training.Data;
using Arbitrex.MlLayer.Training.Evaluation;
using Arbitrex.MlLayer.Training.LightGbm;
using Arbitrex.MlLayer.Training.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.ML.Trainers.LightGbm;

namespace Arbitrex.MlLayer.Training;

/// <summary>
/// One training run: read and check the data set, split it by time, train with Microsoft.ML.LightGbm,
/// convert the ensemble to a LightGBM text model, measure it on the validation rows and write
/// <c>model.txt</c> and <c>metadata.json</c>. Every check runs before anything is written; a refused
/// data set writes nothing.
/// </summary>
public sealed class ModelTrainer(ILogger<ModelTrainer> logger, TimeProvider timeProvider)
{
    public const string ModelFileName = "model.txt";
    public const string MetadataFileName = "metadata.json";
    public const string Kind = "lightgbm";

    /// <summary>How far the exported ensemble may drift from Microsoft.ML's own probability before the run is refused.</summary>
    public const double ExportTolerance = 1e-6;

    // The report under the registry's naming and converters, so it reads back as the registry's metadata type.
    private static readonly JsonSerializerOptions ReportJson = new(RegistryJson.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(TrainingJsonContext.Default, RegistryJson.Options.TypeInfoResolver),
    };

    /// <exception cref="ArgumentException">The options are out of range.</exception>
    /// <exception cref="TrainingDataException">The data set is refused; nothing was written.</exception>
    /// <exception cref="IOException">The output files exist already or cannot be written.</exception>
    public TrainingResult Train(string dataPath, string outputDirectory, TrainingOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        return Train(() => DataSetReader.Read(dataPath), outputDirectory, options);
    }

    /// <summary>Trains on a data set read some other way (e.g. <see cref="AuditDataSetReader"/>): the same checks, split and files.</summary>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    /// <exception cref="TrainingDataException">The data set is refused; nothing was written.</exception>
    /// <exception cref="IOException">The output files exist already or cannot be written.</exception>
    public TrainingResult Train(LabelledDataSet dataSet, string outputDirectory, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        return Train(() => dataSet, outputDirectory, options);
    }

    private TrainingResult Train(Func<LabelledDataSet> read, string outputDirectory, TrainingOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        var modelPath = Path.GetFullPath(Path.Combine(outputDirectory, ModelFileName));
        var metadataPath = Path.GetFullPath(Path.Combine(outputDirectory, MetadataFileName));
        foreach (var path in new[] { modelPath, metadataPath })
        {
            if (File.Exists(path))
            {
                throw new IOException($"'{path}' exists already; choose another output folder.");
            }
        }

        var clock = Stopwatch.StartNew();
        var dataSet = read();
        TrainingLog.DataSetRead(logger, dataSet.Rows.Count, dataSet.SourcePath, dataSet.Sha256, clock.Elapsed.TotalSeconds);
        CheckRows(dataSet.Rows, options.MinimumRows);

        var split = TimeSplit.Of(dataSet.Rows, options.ValidationFraction);
        CheckClasses(split.Training, "training");
        CheckClasses(split.Validation, "validation");
        TrainingLog.Split(
            logger, split.Training.Count, split.Training[0].BarTime.UtcDateTime, split.Training[^1].BarTime.UtcDateTime,
            split.Validation.Count, split.Validation[0].BarTime.UtcDateTime, split.Validation[^1].BarTime.UtcDateTime);

        var model = MlNetLightGbmTrainer.Train(split.Training, options, logger);
        var probabilities = model.PredictProbabilities(split.Validation);
        CheckExport(model.Ensemble, split.Validation, probabilities);

        var trainingFeatures = split.Training.Select(r => MlNetExample.From(r).Features).ToList();
        var modelText = LightGbmTextWriter.Write(model.Ensemble, CanonicalFeatures.All, trainingFeatures, options.LearningRate);
        var modelBytes = Encoding.UTF8.GetBytes(modelText);

        var validation = BinaryMetrics.Of(probabilities, [.. split.Validation.Select(r => r.Label)]);
        TrainingLog.Validated(logger, validation.Auc, validation.Accuracy, validation.LogLoss, validation.BrierScore, validation.Rows);

        var report = new TrainingMetadata
        {
            Kind = Kind,
            ModelFile = ModelFileName,
            ModelSha256 = Convert.ToHexStringLower(SHA256.HashData(modelBytes)),
            Auc = validation.Auc,
            Accuracy = validation.Accuracy,
            LogLoss = validation.LogLoss,
            BrierScore = validation.BrierScore,
            Calibration = validation.Calibration,
            Features = CanonicalFeatures.All,
            FeatureImportance = GainImportance(model.Ensemble),
            TrainingSamples = split.Training.Count,
            TrainingDate = Iso(timeProvider.GetUtcNow()),
            TrainingWindow = DataWindow.Of(split.Training),
            ValidationWindow = DataWindow.Of(split.Validation),
            DataSet = new DataSetSummary(Path.GetFileName(dataSet.SourcePath), dataSet.Sha256, dataSet.Rows.Count),
            Trainer = Summarize(options),
            FeatureBaseline = CanonicalFeatures.All
                .Select((name, f) => (name, Baseline: FeatureBaseline(split.Training, f)))
                .ToDictionary(p => p.name, p => p.Baseline),
            PredictionBaseline = DecileBaseline.Of(probabilities),
        };
        var metadataBytes = JsonSerializer.SerializeToUtf8Bytes(report, ReportJson.TypeInfo<TrainingMetadata>());
        var metadata = JsonSerializer.Deserialize(metadataBytes, RegistryJson.Options.TypeInfo<ModelMetadata>())!;

        Directory.CreateDirectory(outputDirectory);
        AtomicFile.Create(modelPath, modelBytes);
        try
        {
            AtomicFile.Create(metadataPath, JsonSerializer.SerializeToUtf8Bytes(metadata, RegistryJson.Options.TypeInfo<ModelMetadata>()));
        }
        catch
        {
            // A model without its metadata would be registered blind; leave neither.
            File.Delete(modelPath);
            throw;
        }
        TrainingLog.Written(logger, modelPath, metadataPath, clock.Elapsed.TotalSeconds);

        return new TrainingResult
        {
            ModelPath = modelPath,
            MetadataPath = metadataPath,
            Metadata = metadata,
            Validation = validation,
            Split = split,
            Model = model,
        };
    }

    private static DecileBaseline FeatureBaseline(IReadOnlyList<TrainingRow> rows, int feature)
    {
        var values = rows.Select(r => r.Features[feature]).ToList();
        return DecileBaseline.Of(values) with { Sample = DecileBaseline.SpreadSample(values) };
    }

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static void CheckRows(IReadOnlyList<TrainingRow> rows, int minimumRows)
    {
        if (rows.Count < minimumRows)
        {
            throw new TrainingDataException($"The data set holds {rows.Count} rows; at least {minimumRows} are needed.");
        }
    }

    private static void CheckClasses(IReadOnlyList<TrainingRow> rows, string side)
    {
        var positives = rows.Count(r => r.Label);
        if (positives == 0 || positives == rows.Count)
        {
            throw new TrainingDataException(
                $"Column '{DataSetColumns.Label}': the {rows.Count} {side} rows (lines {rows.Min(r => r.Line)}–{rows.Max(r => r.Line)}) all have label {(positives == 0 ? 0 : 1)}; both classes are needed.")
            {
                Column = DataSetColumns.Label,
            };
        }
    }

    // The export must reproduce Microsoft.ML's own probabilities before it is written; a Microsoft.ML whose
    // ensemble reads differently would otherwise produce a model that serves other numbers.
    private static void CheckExport(ExportedEnsemble ensemble, IReadOnlyList<TrainingRow> rows, IReadOnlyList<double> expected)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var actual = ensemble.Probability(MlNetExample.From(rows[i]).Features);
            if (!(Math.Abs(actual - expected[i]) <= ExportTolerance))
            {
                throw new InvalidOperationException(
                    $"The exported ensemble gives {actual:R} for line {rows[i].Line} where Microsoft.ML gives {expected[i]:R}; the model is not written.");
            }
        }
    }

    private static Dictionary<string, double> GainImportance(ExportedEnsemble ensemble)
    {
        var gains = new double[CanonicalFeatures.All.Count];
        foreach (var tree in ensemble.Trees)
        {
            for (var n = 0; n < tree.SplitFeatures.Count; n++)
            {
                gains[tree.SplitFeatures[n]] += tree.SplitGains[n];
            }
        }

        return CanonicalFeatures.All.Select((name, f) => (name, gains[f])).ToDictionary(p => p.name, p => p.Item2);
    }

    private static TrainerSummary Summarize(TrainingOptions options)
    {
        var assembly = typeof(LightGbmBinaryTrainer).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
        return new TrainerSummary
        {
            Library = assembly.GetName().Name ?? "Microsoft.ML.LightGbm",
            Version = version,
            Leaves = options.Leaves,
            Trees = options.Trees,
            LearningRate = options.LearningRate,
            MinRowsPerLeaf = options.MinRowsPerLeaf,
            Seed = options.Seed,
            ValidationFraction = options.ValidationFraction,
            MinimumRows = options.MinimumRows,
            Threads = 1,
            Sigmoid = MlNetLightGbmTrainer.Sigmoid,
        };
    }
}
