using System.Diagnostics;

namespace InvestBot.Tests.Infrastructure;

/// <summary>
/// Starts helper processes (Azurite, the bot, the Playground) under a tiny bash watchdog that kills them
/// when the test process goes away, even if it is killed before it can clean up: test runs must not
/// leave stray servers behind.
/// </summary>
public static class OrphanGuard
{
    private const string Watchdog =
        "\"$@\" & child=$!; " +
        "while kill -0 \"$WATCHED_PID\" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done; " +
        "pkill -9 -P $child 2>/dev/null; kill -9 $child 2>/dev/null; wait $child";

    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Watchdog);
        psi.ArgumentList.Add("watchdog");
        psi.ArgumentList.Add(fileName);
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        psi.Environment["WATCHED_PID"] = Environment.ProcessId.ToString();
        return psi;
    }
}
