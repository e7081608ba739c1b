using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Admin.Errors;

/// <summary>The admin API's refusals as a client sees them: status, field and words in the problem body.</summary>
[Trait("Category", "Integration")]
public sealed class AdminProblemAnswersTests : IDisposable
{
    private readonly TempDirectory _state = new();
    private readonly AdminApiFactory _factory;
    private readonly HttpClient _client;

    public AdminProblemAnswersTests()
    {
        _factory = new AdminApiFactory(_state.Path, "key");
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _state.Dispose();
    }

    [Fact]
    public async Task A_wrong_type_in_a_register_body_names_the_field_in_words()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/models/register")
        {
            Content = new StringContent("""{"model_name": ["signal_filter"], "version": "v9", "model_path": "x.json"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", "key");

        using var response = await _client.SendAsync(request);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("model_name must be a string", problem["errors"]!["model_name"]![0]!.GetValue<string>());
        Assert.DoesNotContain("System.", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_is_a_404_problem()
    {
        using var response = await _client.GetAsync("/models/momentum_model/versions");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Model not found", problem["title"]!.GetValue<string>());
        Assert.Contains("momentum_model", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_content_is_a_415_with_a_detail()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/config") { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
        request.Headers.Add("X-Api-Key", "key");

        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("The request body must be JSON: send Content-Type: application/json.", JsonNode.Parse(body)!["detail"]!.GetValue<string>());
    }
}
