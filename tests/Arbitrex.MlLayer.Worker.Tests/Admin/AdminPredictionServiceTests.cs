using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Testing;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

/// <summary>Which bar a <c>POST /predict</c> is for, when the body names it at the top, inside qse_output, in both or nowhere.</summary>
[Trait("Category", "Integration")]
public sealed class AdminPredictionServiceTests : IDisposable
{
    private readonly TempDirectory _state = new();
    private readonly AdminApiFactory _factory;
    private readonly HttpClient _client;

    public AdminPredictionServiceTests()
    {
        _factory = new AdminApiFactory(_state.Path, "test-key-123");
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _state.Dispose();
    }

    [Fact]
    public async Task The_seed_body_with_the_bar_only_inside_qse_output_is_decided_for_that_bar_floored_to_the_timeframe()
    {
        var body = PredictBodies.Predict();
        body.Remove("bar_time");
        body["qse_output"]!["bar_time"] = "2025-12-22T13:47:00Z";

        var prediction = await PredictAsync(body, HttpStatusCode.OK);

        Assert.Equal("2025-12-22T12:00:00Z", prediction["prediction"]!["bar_time"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_bar_at_the_top_and_inside_qse_output_is_accepted()
    {
        var body = PredictBodies.Predict(barTime: "2025-12-22T12:00:00Z");
        body["qse_output"]!["bar_time"] = "2025-12-22T12:00:00+00:00";

        var prediction = await PredictAsync(body, HttpStatusCode.OK);

        Assert.Equal("2025-12-22T12:00:00Z", prediction["prediction"]!["bar_time"]!.GetValue<string>());
    }

    [Fact]
    public async Task Different_bars_at_the_top_and_inside_qse_output_are_refused_naming_both()
    {
        var body = PredictBodies.Predict(barTime: "2025-12-22T12:00:00Z");
        body["qse_output"]!["bar_time"] = "2025-12-22T16:00:00Z";

        var problem = await PredictAsync(body, HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        Assert.Contains("bar_time", errors.Select(e => e.Key));
        Assert.Contains("qse_output.bar_time", errors.Select(e => e.Key));
        Assert.Contains("2025-12-22T12:00:00Z and qse_output.bar_time 2025-12-22T16:00:00Z", errors["bar_time"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_without_a_bar_is_decided_for_the_current_bar_of_its_timeframe()
    {
        var body = PredictBodies.Predict();
        body.Remove("bar_time");

        var prediction = await PredictAsync(body, HttpStatusCode.OK);

        var barTime = DateTime.Parse(prediction["prediction"]!["bar_time"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.Equal(0, barTime.Ticks % TimeSpan.FromHours(4).Ticks);
        Assert.InRange(DateTime.UtcNow - barTime, TimeSpan.Zero, TimeSpan.FromHours(4));
    }

    private async Task<JsonObject> PredictAsync(JsonObject body, HttpStatusCode expected)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/predict", content);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(expected == response.StatusCode, answer.ToJsonString());
        return answer;
    }
}
