using System.Net;
using System.Text;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

[Trait("Category", "Integration")]
public sealed class AdminAccessFilterTests : IDisposable
{
    private readonly TempDirectory _state = new();
    private readonly AdminApiFactory _factory;
    private readonly HttpClient _client;

    public AdminAccessFilterTests()
    {
        _factory = new AdminApiFactory(_state.Path, apiKey: null);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _state.Dispose();
    }

    private async Task<HttpStatusCode> PutFromAsync(string remoteIp)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/config")
        {
            Content = new StringContent("""{"decision":{"min_signal_probability":0.6}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(AdminApiFactory.RemoteIpHeader, remoteIp);
        return (await _client.SendAsync(request)).StatusCode;
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Without_a_key_loopback_callers_may_change_the_service(string ip)
    {
        Assert.Equal(HttpStatusCode.OK, await PutFromAsync(ip));
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.0.7")]
    public async Task Without_a_key_remote_callers_are_refused(string ip)
    {
        Assert.Equal(HttpStatusCode.Forbidden, await PutFromAsync(ip));
    }

    [Fact]
    public async Task Reading_endpoints_need_no_key()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/config");
        request.Headers.Add(AdminApiFactory.RemoteIpHeader, "10.1.2.3");

        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData(null, "10.1.2.3", HttpStatusCode.Forbidden)]
    [InlineData("the-key", "10.9.8.7", HttpStatusCode.Unauthorized)]
    public async Task A_refusal_is_logged_with_the_remote_address(string? apiKey, string ip, HttpStatusCode expected)
    {
        using var state = new TempDirectory();
        var logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hook = new LogEventHook(2101, message => message.Contains(ip, StringComparison.Ordinal) && message.Contains(((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), () => logged.TrySetResult());
        using var factory = new AdminApiFactory(state.Path, apiKey);
        using var withHook = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(hook)));
        using var client = withHook.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/reset");
        request.Headers.Add(AdminApiFactory.RemoteIpHeader, ip);

        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        await logged.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
