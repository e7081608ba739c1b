using System.Net;
using Arbitrex.MlLayer.Worker.Cli;

namespace Arbitrex.MlLayer.Worker.Tests.Cli;

[Trait("Category", "Unit")]
public sealed class ProbeVerbTests
{
    [Fact]
    public async Task Other_verbs_start_the_host()
    {
        Assert.Null(await ProbeVerb.TryRunAsync(["audit", "verify"], TextWriter.Null));
        Assert.Null(await ProbeVerb.TryRunAsync([], TextWriter.Null));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, 0)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 1)]
    public async Task The_exit_code_follows_the_readiness_answer(HttpStatusCode status, int expected)
    {
        using var handler = new FixedAnswer(status);
        using var output = new StringWriter();

        var exitCode = await ProbeVerb.TryRunAsync(["probe"], output, handler);

        Assert.Equal(expected, exitCode);
        Assert.Equal(new Uri(ProbeVerb.DefaultUrl), handler.Asked);
        Assert.StartsWith($"{ProbeVerb.DefaultUrl}: {(int)status}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_that_does_not_answer_fails_the_probe_with_one_line()
    {
        using var output = new StringWriter();

        // Port 9 (discard) on loopback: nothing listens there on these machines, so the connection is refused.
        var exitCode = await ProbeVerb.TryRunAsync(["probe", "http://127.0.0.1:9/health/ready"], output);

        Assert.Equal(1, exitCode);
        Assert.Single(output.ToString().TrimEnd().Split('\n'));
        Assert.Contains("no answer", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://localhost/ready")]
    [InlineData("not a url")]
    public async Task A_bad_url_is_a_usage_error(string url)
    {
        using var output = new StringWriter();

        Assert.Equal(AuditVerbs.ExitUsage, await ProbeVerb.TryRunAsync(["probe", url], output));
        Assert.StartsWith("usage: probe", output.ToString(), StringComparison.Ordinal);
    }

    private sealed class FixedAnswer(HttpStatusCode status) : HttpMessageHandler
    {
        public Uri? Asked { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Asked = request.RequestUri;
            return Task.FromResult(new HttpResponseMessage(status));
        }
    }
}
