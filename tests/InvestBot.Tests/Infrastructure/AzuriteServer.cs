using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace InvestBot.Tests.Infrastructure;

/// <summary>
/// A real Azurite (Table and Queue services; Blob only because the combined binary always starts it), started once per
/// test process on free ports with its own throw-away folder. Tests isolate themselves further with a unique table prefix each.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    private static readonly Lazy<Task<AzuriteServer>> SharedInstance = new(() => StartAsync());
    private readonly Process _process;
    private readonly string _folder;

    private AzuriteServer(Process process, string folder, int port, int queuePort, int blobPort, string scheme)
    {
        Scheme = scheme;
        _process = process;
        _folder = folder;
        Port = port;
        QueuePort = queuePort;
        BlobPort = blobPort;
    }

    public static Task<AzuriteServer> Shared => SharedInstance.Value;

    /// <summary>The Table service port.</summary>
    public int Port { get; }

    public int QueuePort { get; }

    public int BlobPort { get; }

    /// <summary>http, or https when started with a certificate (Azurite accepts Entra ID tokens only over HTTPS).</summary>
    public string Scheme { get; }

    /// <summary>Azurite's published development account key, pointed at our port.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol={Scheme};AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"TableEndpoint={Scheme}://127.0.0.1:{Port}/devstoreaccount1;" +
        $"QueueEndpoint={Scheme}://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"BlobEndpoint={Scheme}://127.0.0.1:{BlobPort}/devstoreaccount1;";

    public string TableServiceUri => $"{Scheme}://127.0.0.1:{Port}/devstoreaccount1";

    public string QueueServiceUri => $"{Scheme}://127.0.0.1:{QueuePort}/devstoreaccount1";

    /// <param name="tls">PEM certificate and key files: serve HTTPS and accept Entra ID bearer tokens (--oauth basic).</param>
    public static async Task<AzuriteServer> StartAsync(string? folder = null, int? port = null, (string CertPem, string KeyPem)? tls = null)
    {
        folder ??= Directory.CreateTempSubdirectory("azurite-test-").FullName;
        var p = port ?? FreePort();
        var queuePort = FreePort();
        var blobPort = FreePort();
        var psi = OrphanGuard.StartInfo(RepoPaths.NodeTool("azurite"), new[]
        {
            "--tableHost", "127.0.0.1", "--tablePort", p.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
            "--location", folder, "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry",
        }.Concat(tls is { } pem ? new[] { "--cert", pem.CertPem, "--key", pem.KeyPem, "--oauth", "basic" } : []));
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Azurite did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AzuriteServer(process, folder, p, queuePort, blobPort, tls is null ? "http" : "https");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Kill();
        await WaitForPortAsync(p, process, TimeSpan.FromSeconds(60));
        await WaitForPortAsync(queuePort, process, TimeSpan.FromSeconds(60));
        return server;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on the port (no fixed sleeps).</summary>
    public static async Task WaitForPortAsync(int port, Process? process, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process is { HasExited: true })
                throw new InvalidOperationException($"process exited with {process.ExitCode} before listening on {port}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"nothing listens on port {port} after {timeout}");
    }

    /// <summary>
    /// Freezes Azurite (SIGSTOP to its processes): connections are still accepted by the kernel but nothing answers — a hung
    /// storage account or a dead network path, the worst case for a caller. <see cref="Resume"/> thaws it.
    /// </summary>
    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    private void Signal(string signal)
    {
        // One by one: the watchdog's short-lived "sleep" may be gone by the time it is signalled.
        var signalled = 0;
        foreach (var pid in Descendants(_process.Id).Prepend(_process.Id))
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString()]) { UseShellExecute = false, RedirectStandardError = true })!;
            kill.WaitForExit();
            if (kill.ExitCode == 0) signalled++;
        }
        if (signalled < 2) throw new InvalidOperationException($"kill -{signal} reached no Azurite process");
    }

    /// <summary>Child processes (the watchdog's Azurite and anything it started), from /proc.</summary>
    private static IEnumerable<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // "pid (comm) state ppid …": comm may contain spaces, so read after the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1]);
            }
            catch (IOException) { }
        }
        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        return found;
    }

    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
