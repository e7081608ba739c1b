using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Tests.TestSupport;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Drift;

/// <summary>
/// Runs a python3 script against Debian's numpy and scipy (<c>python3-scipy</c>) with a JSON document on stdin and
/// returns the JSON it prints: the independent computation the drift statistics are compared with.
/// </summary>
internal static class Scipy
{
    private const string Python = "/usr/bin/python3";

    public static async Task<JsonNode> RunAsync(string script, object input)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: apt-get install python3-scipy");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEndAsync();
        var error = python.StandardError.ReadToEndAsync();
        await python.StandardInput.WriteAsync(JsonSerializer.Serialize(input, ReflectionJson.Options));
        python.StandardInput.Close();
        await python.WaitForExitAsync();

        Assert.True(python.ExitCode == 0, await error);
        return JsonNode.Parse(await output)!;
    }
}
