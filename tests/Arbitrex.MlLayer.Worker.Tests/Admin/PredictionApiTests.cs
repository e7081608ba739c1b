using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

[Trait("Category", "Integration")]
public sealed class PredictionApiTests : IDisposable
{
    private const string Key = "prediction-key";
    private readonly TempDirectory _state = new();

    public void Dispose() => _state.Dispose();

    private AdminApiFactory Factory(params (string Key, string Value)[] settings) =>
        new(_state.Path, Key, settings.ToDictionary(s => s.Key, s => (string?)s.Value));

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static HttpRequestMessage Batch(int rows, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/batch_predict")
        {
            Content = Json(new JsonObject { ["requests"] = new JsonArray([.. Enumerable.Range(0, rows).Select(_ => (JsonNode?)PredictBodies.Predict())]) }),
        };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }

    [Fact]
    public async Task Batch_predict_needs_the_api_key_when_one_is_set()
    {
        using var factory = Factory();
        using var client = factory.CreateClient();

        using var withoutKey = await client.SendAsync(Batch(1, key: null));
        using var withKey = await client.SendAsync(Batch(1, Key));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
    }

    [Fact]
    public async Task A_batch_over_the_row_limit_is_refused_naming_requests()
    {
        using var factory = Factory(("Admin:BatchPredictMaxRows", "2"));
        using var client = factory.CreateClient();

        using var atLimit = await client.SendAsync(Batch(2, Key));
        using var overLimit = await client.SendAsync(Batch(3, Key));

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, overLimit.StatusCode);
        var errors = (await overLimit.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["requests"]!.AsArray();
        Assert.Contains("Admin:BatchPredictMaxRows", errors[0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predictions_over_the_rate_limit_answer_429_with_a_problem_body_and_are_counted()
    {
        using var factory = Factory(("Admin:PredictRateLimit", "2"));
        using var client = factory.CreateClient();

        // Two permits a second: ten requests in a row cannot all pass unless they take more than four seconds.
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10; i++)
        {
            var response = await client.PostAsync("/predict", Json(PredictBodies.Predict()));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused ??= response;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Admin:PredictRateLimit", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var counter = factory.Services.GetRequiredService<AdHocPredictionCounter>();
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.TooManyRequests), counter.Count(AdHocEndpoint.Predict, AdHocOutcome.RateLimited));
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.OK), counter.Count(AdHocEndpoint.Predict, AdHocOutcome.Allowed));
    }

    [Fact]
    public async Task A_rate_limit_of_zero_turns_the_limit_off()
    {
        using var factory = Factory(("Admin:PredictRateLimit", "0"));
        using var client = factory.CreateClient();

        for (var i = 0; i < 20; i++)
        {
            using var response = await client.PostAsync("/predict", Json(PredictBodies.Predict()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Refused_items_are_counted_per_endpoint_and_never_reach_the_live_metrics()
    {
        using var factory = Factory();
        using var client = factory.CreateClient();
        var bad = PredictBodies.Predict();
        bad["features"]!["rsi"] = 1e308;

        using var refused = await client.PostAsync("/predict", Json(bad));
        using var batch = await client.SendAsync(Batch(2, Key));
        var metrics = await client.GetFromJsonAsync<JsonObject>("/metrics");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull((await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["features.rsi"]);
        var counter = factory.Services.GetRequiredService<AdHocPredictionCounter>();
        Assert.Equal(1, counter.Count(AdHocEndpoint.Predict, AdHocOutcome.Refused));
        Assert.Equal(2, counter.Count(AdHocEndpoint.BatchPredict, AdHocOutcome.Allowed));
        Assert.Equal(0, metrics!["predictions_total"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_bar_far_ahead_of_the_clock_answers_400_naming_bar_time()
    {
        using var factory = Factory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/predict", Json(PredictBodies.Predict(barTime: "2200-01-01T00:00:00Z")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["bar_time"]);
    }
}
