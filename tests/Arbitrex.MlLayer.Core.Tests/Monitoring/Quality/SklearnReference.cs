using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Arbitrex.MlLayer.Core.Tests.TestSupport;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Quality;

/// <summary>
/// The independent computation: Debian's scikit-learn (<c>/usr/bin/python3</c>, <c>python3-sklearn</c>) run on the
/// same (probability, success) pairs: <c>roc_auc_score</c>, <c>brier_score_loss</c>, <c>log_loss</c> and
/// <c>calibration_curve(n_bins=10, strategy="uniform")</c>.
/// </summary>
internal static class SklearnReference
{
    private const string Python = "/usr/bin/python3";

    private static readonly JsonSerializerOptions ResultJson = new(ReflectionJson.Options) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private const string Script = """
        import json, sys
        import numpy as np
        from sklearn.metrics import roc_auc_score, brier_score_loss, log_loss
        from sklearn.calibration import calibration_curve
        result = []
        for pairs in json.load(sys.stdin):
            p = np.array(pairs["p"], dtype=np.float64)
            y = np.array(pairs["y"], dtype=np.int64)
            allowed = np.array(pairs["allow"], dtype=bool)
            observed, predicted = calibration_curve(y, p, n_bins=10, strategy="uniform")
            result.append({
                "auc": float(roc_auc_score(y, p)) if len(np.unique(y)) == 2 else None,
                "brier": float(brier_score_loss(y, p)),
                "log_loss": float(log_loss(y, p, labels=[0, 1])),
                "calibration_observed": observed.tolist(),
                "calibration_predicted": predicted.tolist(),
                "calibration_counts": np.bincount(np.searchsorted(np.linspace(0.0, 1.0, 11)[1:-1], p), minlength=10).tolist(),
                "hit_rate": float(y[allowed].mean()) if allowed.any() else None,
            })
        json.dump(result, sys.stdout)
        """;

    public static async Task<IReadOnlyList<Expected>> ComputeAsync(params IReadOnlyList<ScoredOutcome>[] sets)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: apt-get install python3-sklearn");
        var input = new JsonArray([.. sets.Select(set => new JsonObject
        {
            ["p"] = new JsonArray([.. set.Select(o => JsonValue.Create(o.SuccessProbability))]),
            ["y"] = new JsonArray([.. set.Select(o => JsonValue.Create(o.Success ? 1 : 0))]),
            ["allow"] = new JsonArray([.. set.Select(o => JsonValue.Create(o.AllowTrade))]),
        })]);
        var start = new ProcessStartInfo(Python, ["-c", Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        await python.StandardInput.WriteAsync(input.ToJsonString());
        python.StandardInput.Close();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, await stderr);
        return JsonSerializer.Deserialize<List<Expected>>(await stdout, ResultJson)!;
    }

    /// <summary>Asserts every figure of <paramref name="actual"/> equals scikit-learn's to 1e-9.</summary>
    public static void AssertMatches(Expected expected, QualityFigures actual)
    {
        const double Tolerance = 1e-9;
        if (expected.Auc is { } auc)
        {
            Assert.Equal(QualityStatus.Ok, actual.Auc.Status);
            Assert.Equal(auc, actual.Auc.Value!.Value, Tolerance);
        }
        else
        {
            Assert.Equal(QualityStatus.Undefined, actual.Auc.Status);
        }

        Assert.Equal(expected.Brier, actual.Brier.Value!.Value, Tolerance);
        Assert.Equal(expected.LogLoss, actual.LogLoss.Value!.Value, Tolerance);
        Assert.Equal(expected.CalibrationCounts, actual.Calibration.Bins.Select(b => b.Count));
        var filled = actual.Calibration.Bins.Where(b => b.Count > 0).ToList();
        Assert.Equal(expected.CalibrationObserved.Count, filled.Count);
        for (var i = 0; i < filled.Count; i++)
        {
            Assert.Equal(expected.CalibrationObserved[i], filled[i].ObservedRate!.Value, Tolerance);
            Assert.Equal(expected.CalibrationPredicted[i], filled[i].MeanPredicted!.Value, Tolerance);
        }

        if (expected.HitRate is { } hitRate)
        {
            Assert.Equal(hitRate, actual.HitRate.Value!.Value, Tolerance);
        }
    }

    internal sealed record Expected(
        double? Auc,
        double Brier,
        double LogLoss,
        IReadOnlyList<double> CalibrationObserved,
        IReadOnlyList<double> CalibrationPredicted,
        IReadOnlyList<long> CalibrationCounts,
        double? HitRate);
}
