using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

/// <summary>
/// Python's <c>json.dumps</c> writes a non-finite float as a bare <c>NaN</c> or <c>Infinity</c>, which is not JSON. The
/// refusal names the field that holds it, as for a quoted <c>"NaN"</c>, not the body as a whole.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BareNonFiniteLiteralTests : IDisposable
{
    private const string Key = "literal-key";
    private readonly TempDirectory _state = new();
    private readonly AdminApiFactory _factory;
    private readonly HttpClient _client;

    public BareNonFiniteLiteralTests()
    {
        _factory = new AdminApiFactory(_state.Path, Key);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _state.Dispose();
    }

    /// <summary>The seed's body with one value replaced by a bare literal, written as text (no serializer can emit it).</summary>
    private static string WithBareLiteral(string marker, string literal)
    {
        var body = PredictBodies.Predict();
        if (marker == "rsi")
        {
            body["features"]!["rsi"] = "@MARK@";
        }
        else
        {
            body["qse_output"]!["gates"]!["z_score"]!["value"] = "@MARK@";
        }

        return body.ToJsonString().Replace("\"@MARK@\"", literal, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Bodies() => new()
    {
        { "rsi", "NaN", "features.rsi" },
        { "rsi", "Infinity", "features.rsi" },
        { "rsi", "-Infinity", "features.rsi" },
        { "z_score", "NaN", "qse_output.gates.z_score.value" },
        { "z_score", "Infinity", "qse_output.gates.z_score.value" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_bare_literal_in_a_predict_body_is_refused_naming_its_field(string where, string literal, string field)
    {
        var body = WithBareLiteral(where, literal);
        Assert.Contains(":" + literal, body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"" + literal + "\"", body, StringComparison.Ordinal);

        using var response = await _client.PostAsync("/predict", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(field, Assert.Single(errors).Key);
        Assert.DoesNotContain("body", errors.Select(e => e.Key));
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_bare_literal_in_a_batch_item_fails_that_item_alone_naming_its_field(string where, string literal, string field)
    {
        var body = $"{{\"requests\": [{PredictBodies.Predict().ToJsonString()}, {WithBareLiteral(where, literal)}]}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/batch_predict") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", Key);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Single(answer["predictions"]!.AsArray());
        var error = Assert.Single(answer["errors"]!.AsArray())!;
        Assert.Equal(1, error["index"]!.GetValue<int>());
        Assert.Equal(field, error["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Broken_json_without_a_bare_literal_is_still_refused_naming_the_body()
    {
        using var response = await _client.PostAsync("/predict", new StringContent("{\"symbol\": \"EURUSD\", \"features\": {\"rsi\": 5,", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal("body", Assert.Single(errors).Key);
    }
}
