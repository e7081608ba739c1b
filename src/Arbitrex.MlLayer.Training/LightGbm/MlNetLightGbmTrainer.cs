using System.Diagnostics;
using Arbitrex.MlLayer.Training.Data;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers.LightGbm;

namespace Arbitrex.MlLayer.Training.LightGbm;

/// <summary>
/// Trains a binary LightGBM with Microsoft.ML.LightGbm, deterministically: one thread, the options' seed,
/// no bagging or feature sampling, numerical splits only. Microsoft.ML reports no per-iteration callback;
/// its progress and trainer messages are forwarded to the log with the elapsed time.
/// </summary>
public static class MlNetLightGbmTrainer
{
    /// <summary>Microsoft.ML's default sigmoid of the binary objective; the Platt calibrator's slope is its negative.</summary>
    public const double Sigmoid = 0.5;

    public static TrainedLightGbmModel Train(IReadOnlyList<TrainingRow> training, TrainingOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);

        var context = new MLContext(options.Seed);
        var clock = Stopwatch.StartNew();
        void Forward(object? sender, LoggingEventArgs e)
        {
            if (e.Kind is ChannelMessageKind.Info or ChannelMessageKind.Warning or ChannelMessageKind.Error
                && e.Source.Contains("LightGBM", StringComparison.OrdinalIgnoreCase))
            {
                TrainingLog.TrainerMessage(logger, clock.Elapsed.TotalSeconds, e.Message);
            }
        }

        context.Log += Forward;
        try
        {
            var data = context.Data.LoadFromEnumerable(training.Select(MlNetExample.From));
            var trainer = context.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = nameof(MlNetExample.Label),
                FeatureColumnName = nameof(MlNetExample.Features),
                NumberOfLeaves = options.Leaves,
                NumberOfIterations = options.Trees,
                LearningRate = options.LearningRate,
                MinimumExampleCountPerLeaf = options.MinRowsPerLeaf,
                Seed = options.Seed,
                NumberOfThreads = 1,
                Sigmoid = Sigmoid,
                UseCategoricalSplit = false,
                HandleMissingValue = true,
                UseZeroAsMissingValue = false,
                Silent = true,
            });

            TrainingLog.TrainingStarted(logger, training.Count, options.Trees, options.Leaves, options.LearningRate);
            var transformer = trainer.Fit(data);
            var model = new TrainedLightGbmModel(context, transformer);
            TrainingLog.TrainingFinished(logger, model.Ensemble.Trees.Count, clock.Elapsed.TotalSeconds);
            return model;
        }
        finally
        {
            context.Log -= Forward;
        }
    }
}
