using Microsoft.Extensions.Logging;

namespace Arbitrex.MlLayer.Training;

internal static partial class TrainingLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Read {Rows} rows from {Path} (SHA-256 {Sha256}) in {Seconds:0.000} s")]
    public static partial void DataSetRead(ILogger logger, int rows, string path, string sha256, double seconds);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Split by time: {TrainingRows} training rows ({TrainingFirst:u} .. {TrainingLast:u}), {ValidationRows} validation rows ({ValidationFirst:u} .. {ValidationLast:u})")]
    public static partial void Split(
        ILogger logger, int trainingRows, DateTime trainingFirst, DateTime trainingLast,
        int validationRows, DateTime validationFirst, DateTime validationLast);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Training LightGBM on {Rows} rows: {Trees} trees of up to {Leaves} leaves, learning rate {LearningRate}")]
    public static partial void TrainingStarted(ILogger logger, int rows, int trees, int leaves, double learningRate);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Information, Message = "[{Seconds:0.000} s] {Message}")]
    public static partial void TrainerMessage(ILogger logger, double seconds, string message);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Information, Message = "Trained {Trees} trees in {Seconds:0.000} s")]
    public static partial void TrainingFinished(ILogger logger, int trees, double seconds);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Information, Message = "Validation: AUC {Auc:0.0000}, accuracy {Accuracy:0.0000}, log-loss {LogLoss:0.0000}, Brier {Brier:0.0000} over {Rows} rows")]
    public static partial void Validated(ILogger logger, double auc, double accuracy, double logLoss, double brier, int rows);

    [LoggerMessage(EventId = 9007, Level = LogLevel.Information, Message = "Wrote {ModelPath} and {MetadataPath} in {Seconds:0.000} s in all")]
    public static partial void Written(ILogger logger, string modelPath, string metadataPath, double seconds);
}
