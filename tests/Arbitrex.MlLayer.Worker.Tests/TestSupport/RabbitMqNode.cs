using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>
/// A RabbitMQ broker for integration tests: <c>RABBITMQ_URI</c> when set, else a private node of Debian's
/// <c>rabbitmq-server</c> with its own name, free ports and a temp folder, configured from the repository's
/// <c>rabbitmq/</c> files (definitions path and ports rewritten). It can be stopped, killed and restarted
/// (same data folder, so durable queues and persistent messages survive). Nodes left behind by a killed
/// test run are found through their owner pid file and killed by pid at the next start.
/// </summary>
public sealed class RabbitMqNode : IAsyncLifetime
{
    private const string RootFolder = "/tmp/arbitrex-rabbitmq";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly Lock LeftoversLock = new();

    private string _folder = string.Empty;
    private string _nodeName = string.Empty;
    private int _amqpPort;
    private int _distPort;
    private int? _beamPid;

    public string Uri { get; private set; } = string.Empty;

    /// <summary>False for a node without <c>rabbitmq_consistent_hash_exchange</c> (and without the definitions, which need it).</summary>
    public bool ConsistentHashPlugin { get; init; } = true;

    /// <summary>False for a node that starts empty, e.g. to join a cluster whose queues are declared afterwards.</summary>
    public bool LoadDefinitions { get; init; } = true;

    /// <summary>HOME of the node and its <c>rabbitmqctl</c> when not running as root (the Erlang cookie lives there); nodes of one cluster share it.</summary>
    public string? ErlangHome { get; init; }

    /// <summary>The Erlang node name, e.g. <c>arbitrex-test-…@localhost</c>.</summary>
    public string NodeName => _nodeName;

    public int AmqpPort => _amqpPort;

    /// <summary>False when <c>RABBITMQ_URI</c> points at an external broker: fault tests then cannot run.</summary>
    public bool IsPrivate { get; private set; }

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("RABBITMQ_URI");
        if (!string.IsNullOrWhiteSpace(external))
        {
            Uri = external;
            return;
        }

        IsPrivate = true;
        _nodeName = $"arbitrex-test-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40] + "@localhost";
        _folder = Path.Combine(RootFolder, _nodeName.Split('@')[0]);
        lock (LeftoversLock)
        {
            KillLeftovers();

            // The folder appears with its owner already named (built aside, then renamed into place): another
            // node, of this process (a cluster starts several at once) or of another test run, looking for
            // leftovers meanwhile must not take it for one.
            var staging = Path.Combine(RootFolder + "-staging", Path.GetFileName(_folder));
            Directory.CreateDirectory(Path.Combine(staging, "mnesia"));
            Directory.CreateDirectory(Path.Combine(staging, "log"));
            File.WriteAllText(Path.Combine(staging, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(RootFolder);
            Directory.Move(staging, _folder);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ConfigureAsync();
                await StartAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Most likely a port taken meanwhile by another process; try other ports.
                await KillAsync();
            }
        }
    }

    private async Task ConfigureAsync()
    {
        _amqpPort = FreePort();
        _distPort = FreePort();
        var managementPort = FreePort();
        var prometheusPort = FreePort();
        var loadDefinitions = LoadDefinitions && ConsistentHashPlugin;
        var conf = File.ReadAllLines(Path.Combine(RepoPaths.Root, "rabbitmq", "rabbitmq.conf"))
            .Where(line => loadDefinitions || !line.StartsWith("load_definitions", StringComparison.Ordinal))
            .Select(line => line.StartsWith("load_definitions", StringComparison.Ordinal)
                ? "load_definitions = " + Path.Combine(RepoPaths.Root, "rabbitmq", "definitions.json")
                : line)
            .Append(string.Create(CultureInfo.InvariantCulture, $"management.tcp.port = {managementPort}"))
            .Append(string.Create(CultureInfo.InvariantCulture, $"prometheus.tcp.port = {prometheusPort}"));
        await File.WriteAllLinesAsync(Path.Combine(_folder, "rabbitmq.conf"), conf);
        File.Copy(Path.Combine(RepoPaths.Root, "rabbitmq", "enabled_plugins"), Path.Combine(_folder, "enabled_plugins"), overwrite: true);
        if (!ConsistentHashPlugin)
        {
            await File.WriteAllTextAsync(Path.Combine(_folder, "enabled_plugins"), "[rabbitmq_management,rabbitmq_prometheus].");
        }

        if (IsRoot)
        {
            await RunAsync("chown", "-R", "rabbitmq:rabbitmq", _folder);
        }

        Uri = string.Create(CultureInfo.InvariantCulture, $"amqp://guest:guest@127.0.0.1:{_amqpPort}/");
    }

    public async Task DisposeAsync()
    {
        if (!IsPrivate)
        {
            return;
        }

        await KillAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Removed at the next run by KillLeftovers.
        }
    }

    public async Task StartAsync()
    {
        EnsurePrivate();
        var env = new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = _nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = _amqpPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = _distPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_folder, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_folder, "rabbitmq.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_folder, "enabled_plugins"),
            ["HOME"] = Home,
        };
        var start = new ProcessStartInfo(IsRoot ? "runuser" : "env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (IsRoot)
        {
            foreach (var arg in new[] { "-u", "rabbitmq", "--", "env" })
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var (key, value) in env)
        {
            start.ArgumentList.Add($"{key}={value}");
        }

        start.ArgumentList.Add("/usr/lib/rabbitmq/bin/rabbitmq-server");
        var process = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"rabbitmq-server exited with {process.ExitCode}:\n{output}");
            }

            if (await CanConnectAsync())
            {
                _beamPid = FindBeamPid(process.Id);
                await File.WriteAllTextAsync(Path.Combine(_folder, "node.pid"), _beamPid?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"rabbitmq-server not ready within {StartTimeout}:\n{output}");
    }

    /// <summary>Graceful stop (SIGTERM to the Erlang VM): the broker persists queues and closes connections.</summary>
    public Task StopAsync() => SignalAndWaitAsync("TERM");

    /// <summary>Hard kill (SIGKILL): persistent messages in durable queues survive, connections just drop.</summary>
    public Task KillAsync() => SignalAndWaitAsync("KILL");

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <param name="automaticRecovery">Let the client reconnect by itself after the connection drops.</param>
    public async Task<IConnection> ConnectAsync(bool automaticRecovery = true)
    {
        var factory = new ConnectionFactory
        {
            Uri = new System.Uri(Uri),
            ClientProvidedName = "arbitrex-tests",
            AutomaticRecoveryEnabled = automaticRecovery,
            TopologyRecoveryEnabled = automaticRecovery,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
        };
        return await factory.CreateConnectionAsync();
    }

    public async Task PurgeWorkerQueuesAsync()
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        for (var shard = 0; shard < new Arbitrex.MlLayer.Worker.Bus.BusOptions().RabbitMq.ShardCount; shard++)
        {
            await channel.QueuePurgeAsync(Arbitrex.MlLayer.Worker.Bus.RabbitMq.BusTopology.ShardQueue(shard));
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private string Home => IsRoot ? "/var/lib/rabbitmq" : ErlangHome ?? _folder;

    /// <summary>Runs <c>rabbitmqctl -n</c> this node (as user <c>rabbitmq</c> when root); throws with the output when it fails.</summary>
    public async Task<string> ControlAsync(params string[] args)
    {
        EnsurePrivate();
        var start = new ProcessStartInfo(IsRoot ? "runuser" : "env") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in (IsRoot ? new[] { "-u", "rabbitmq", "--", "env" } : []).Concat(["HOME=" + Home, "/usr/lib/rabbitmq/bin/rabbitmqctl", "-n", _nodeName]).Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }

        return await output;
    }

    private async Task SignalAndWaitAsync(string signal)
    {
        EnsurePrivate();
        if (_beamPid is not { } pid)
        {
            return;
        }

        await RunAsync("kill", "-" + signal, pid.ToString(CultureInfo.InvariantCulture));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (IsAlive(pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        if (IsAlive(pid))
        {
            await RunAsync("kill", "-KILL", pid.ToString(CultureInfo.InvariantCulture));
        }

        _beamPid = null;
    }

    private void EnsurePrivate()
    {
        if (!IsPrivate)
        {
            throw new InvalidOperationException("Fault tests need a private node; unset RABBITMQ_URI.");
        }
    }

    private async Task<bool> CanConnectAsync()
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, _amqpPort);
        }
        catch (SocketException)
        {
            return false;
        }

        try
        {
            await using var connection = await ConnectAsync();
            return connection.IsOpen;
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException)
        {
            return false;
        }
    }

    /// <summary>The Erlang VM among the descendants of the started process (runuser → script → beam.smp).</summary>
    private static int? FindBeamPid(int rootPid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
        }

        foreach (var (pid, _) in parents)
        {
            var ancestor = pid;
            for (var depth = 0; depth < 8 && parents.TryGetValue(ancestor, out var parent); depth++)
            {
                ancestor = parent;
                if (ancestor == rootPid && IsBeam(pid))
                {
                    return pid;
                }
            }
        }

        return null;
    }

    private static bool IsBeam(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").StartsWith("beam", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void KillLeftovers()
    {
        if (!Directory.Exists(RootFolder))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(RootFolder))
        {
            var owner = ReadPid(Path.Combine(folder, "owner.pid"));
            if (owner is { } ownerPid && IsAlive(ownerPid))
            {
                continue;
            }

            if (ReadPid(Path.Combine(folder, "node.pid")) is { } nodePid && IsAlive(nodePid))
            {
                try
                {
                    Process.GetProcessById(nodePid).Kill();
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                }
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static int? ReadPid(string file) =>
        File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            // A zombie ("Z") has exited; only its parent has not reaped it yet.
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// A free port below Linux's ephemeral range (32768+), where outgoing connections of other processes
    /// cannot take it between this check and the broker's bind.
    /// </summary>
    private static int FreePort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken; try another.
            }
        }
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
    }
}
