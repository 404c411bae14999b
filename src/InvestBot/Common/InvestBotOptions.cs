namespace InvestBot.Common;

/// <summary>Settings under the "InvestBot" configuration section (see README for every key).</summary>
public sealed class InvestBotOptions
{
    public const string Section = "InvestBot";

    /// <summary>Azure Table Storage connection string. Empty means the local Azurite default.</summary>
    public string StorageConnectionString { get; set; } = "";

    /// <summary>Prepended to every table name, so tests and environments can share one account.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>Teams AAD object ids of 区合作交流办 staff who administer the bot.</summary>
    public List<string> Admins { get; set; } = new();

    /// <summary>
    /// Read-only 督查 users the office grants (区合作交流办设定), each with the unit they belong to: only units whose
    /// units.json entry has a supervisorSource (（二十六）: 区纪委监委, 区委督查室; （二十五）（二十六）: 区商务局).
    /// </summary>
    public List<SupervisorSetting> Supervisors { get; set; } = new();

    /// <summary>IANA time zone the office works in; months and deadlines are computed in it.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Folder holding the data files the office edits (units, metrics, weights, the policy text).</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>
    /// "2023-04-03": run as if today (office time) were this date, clocks otherwise real — for demos and end-to-end tests of
    /// rules bound to dates (reporting windows, quarters). Honoured only in the Development environment; empty: the real date.
    /// </summary>
    public string DemoToday { get; set; } = "";
    /// <summary>How long one user turn may wait on Table Storage in total before it answers with what it knows; a Teams user
    /// gives up after a few seconds, so this stays below 5.</summary>
    public double TurnStorageSeconds { get; set; } = 3.5;

    /// <summary>Azurite's well-known development account, used when no connection string is set.</summary>
    public const string LocalDevelopmentStorage = "UseDevelopmentStorage=true";

    public string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(StorageConnectionString) ? LocalDevelopmentStorage : StorageConnectionString;
}

/// <summary>One 督查 user: the Teams AAD object id and the unit (name or id in units.json) they work for.</summary>
public sealed class SupervisorSetting
{
    public string Id { get; set; } = "";
    public string Unit { get; set; } = "";
}
