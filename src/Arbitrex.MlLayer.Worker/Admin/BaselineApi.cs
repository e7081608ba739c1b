using System.Security.Cryptography;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Core.Monitoring.Drift;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Worker.Configuration;
using Arbitrex.MlLayer.Worker.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// <c>POST /models/{name}/{version}/baseline</c>: gives a model without a training baseline one captured from the
/// drift monitor's live window. Refusals: a bad <c>bars</c> 400, an unknown model or version 404, a version that
/// already has a baseline or a window with too few bars 409. Stored in the version's registry metadata, audited as
/// <c>baseline_capture</c> and logged in <c>config_changes.jsonl</c>.
/// </summary>
public static class BaselineApi
{
    public static IEndpointRouteBuilder MapBaselineApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/models/{name}/{version}/baseline", CaptureAsync)
            .WithTags("Models")
            .Accepts<CaptureBaselineRequest>("application/json")
            .AddEndpointFilter<AdminAccessFilter>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Capture a drift baseline for a version without one from the latest live bars")
            .WithDescription("Optional body {bars}: how many of the latest live bars (Monitoring:Drift:MinSample to WindowBars; default all in the window). Deciles and a bounded KS sample per feature, and deciles of success_probability when this version decided those bars.");
        return app;
    }

    internal static async Task<Created<BaselineCaptureResponse>> CaptureAsync(
        string name, string version, HttpRequest request, ModelRegistry registry, DriftMonitor drift, IAuditLog audit,
        RuntimeConfigService configs, CancellationToken cancellationToken)
    {
        // The body is optional: a bare POST captures from every bar in the window.
        var body = request.ContentLength is null or 0 && !request.HasJsonContentType()
            ? new CaptureBaselineRequest()
            : await AdminJson.ReadAsync<CaptureBaselineRequest>(request, cancellationToken);
        var options = drift.Options;
        if (body.Bars is { } asked && (asked < options.MinSample || asked > options.WindowBars))
        {
            throw new RequestProblem("bars", $"bars must be between Monitoring:Drift:MinSample ({options.MinSample}) and Monitoring:Drift:WindowBars ({options.WindowBars}), was {asked}");
        }

        var entry = registry.Get(name, version);
        RefuseExisting(entry, registry.LoadMetadata(name, version));
        var window = drift.Window.Copy(body.Bars);
        if (window.Bars < (body.Bars ?? options.MinSample))
        {
            throw new ModelConflictException(
                $"The live window holds {window.Bars} bars; capturing a baseline needs {body.Bars ?? options.MinSample} (Monitoring:Drift:MinSample). Wait for more bars.");
        }

        var baseline = Capture(entry, window);
        await registry.UpdateMetadataAsync(name, version, current =>
        {
            RefuseExisting(entry, current);
            return baseline.WriteTo(current);
        }, cancellationToken);
        drift.Forget(name, version);

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(baseline, RegistryJson.Options.TypeInfo<DriftBaseline>())));
        var response = new BaselineCaptureResponse(name, version, window.Bars, baseline.Features.Count, baseline.Prediction is not null, sha256);
        var caller = AdminCaller.Of(request.HttpContext);
        await audit.AppendEventAsync(
            AuditRecordTypes.BaselineCapture,
            new BaselineCaptureRecord(name, version, response.Bars, response.Features, response.PredictionBaseline, sha256, caller.Id, caller.RemoteAddress),
            cancellationToken);
        configs.Record(ConfigChangeActions.BaselineCapture, caller, $"{name}/{version}", before: null, JsonSerializer.SerializeToNode(response, WorkerJson.Registry.TypeInfo<BaselineCaptureResponse>()));
        return TypedResults.Created($"/models/{name}/{version}", response);
    }

    private static void RefuseExisting(RegistryEntry entry, ModelMetadata metadata)
    {
        if (DriftBaseline.From(metadata) is not null)
        {
            throw new ModelConflictException(
                $"{entry.Name} {entry.Version} already has a drift baseline ({DriftBaseline.FeatureField} in its metadata); a baseline is not replaced. Register a new version to change it.");
        }
    }

    private static DriftBaseline Capture(RegistryEntry entry, LiveWindowCopy window)
    {
        var features = new Dictionary<string, DecileBaseline>(StringComparer.Ordinal);
        foreach (var name in CanonicalFeatures.All)
        {
            var values = window.Features[name];
            if (values.Length > 0)
            {
                features[name] = DecileBaseline.Of(values) with { Sample = DecileBaseline.SpreadSample(values) };
            }
        }

        // The probabilities describe this version only if it decided the bars.
        var prediction = entry.Name == ModelNames.SignalFilter && window.SignalFilterVersion == entry.Version && window.Probabilities.Length == window.Bars
            ? DecileBaseline.Of(window.Probabilities)
            : null;
        return new DriftBaseline(features, prediction);
    }
}
