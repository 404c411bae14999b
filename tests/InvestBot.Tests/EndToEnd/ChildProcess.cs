using System.Collections.Concurrent;
using System.Diagnostics;
using InvestBot.Tests.Infrastructure;

namespace InvestBot.Tests.EndToEnd;

/// <summary>
/// A process the end-to-end stack owns: output is kept so tests can wait for a log line and so a
/// failure message can show what the process said; disposing kills the whole process tree.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _name;
    private event Action<string>? LineReceived;

    private ChildProcess(string name, Process process)
    {
        _name = name;
        _process = process;
    }

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var psi = OrphanGuard.StartInfo(fileName, args);
        psi.WorkingDirectory = workingDirectory;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            psi.Environment[key] = value;
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        if (!process.Start()) throw new InvalidOperationException($"{name} did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => child.Kill();
        return child;
    }

    public bool HasExited => _process.HasExited;

    public Process Process => _process;

    public string Output => string.Join('\n', _lines);

    public IEnumerable<string> Lines => _lines;

    /// <summary>Waits until the process prints a line containing <paramref name="text"/>.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(string line) { if (line.Contains(text, StringComparison.Ordinal)) seen.TrySetResult(); }
        LineReceived += Check;
        try
        {
            foreach (var line in _lines) Check(line);
            var exited = _process.WaitForExitAsync();
            var done = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout));
            if (done != seen.Task)
                throw new TimeoutException($"{_name} did not print \"{text}\" ({(done == exited ? "it exited" : "timeout")}). Output:\n{Tail()}");
        }
        finally
        {
            LineReceived -= Check;
        }
    }

    public string Tail(int lines = 60) => string.Join('\n', _lines.TakeLast(lines));

    private void Add(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        LineReceived?.Invoke(line);
    }

    private void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await _process.WaitForExitAsync(cts.Token); } catch (OperationCanceledException) { }
        _process.Dispose();
    }
}
