using InvestBot.Common;
using InvestBot.Organization;
using Microsoft.Extensions.Options;

namespace InvestBot.Access;

/// <summary>Who the person behind a Teams activity is, as far as the server is concerned.</summary>
/// <param name="Id">The stable key for the person: the AAD object id when Teams sends one.</param>
public sealed record UserIdentity(string Id, string? Name)
{
    /// <summary>Teams named the person by AAD object id; without it nothing about them (roles, unit) can be known.</summary>
    public bool IsKnown => Id.Length > 0;
}

/// <summary>
/// Admins (区合作交流办 staff) and read-only 督查 users (people of the supervising units, granted by the office) come from
/// configuration, by AAD object id. Checked on the server for every action; nothing in card data can grant a role.
/// </summary>
public sealed class UserRoles
{
    private readonly HashSet<string> _admins;
    private readonly Dictionary<string, Unit?> _supervisors = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="units">The directory the supervisors' units are checked against (start-up fails on a unit the
    /// document gives no supervising role); tests that configure no supervisors may leave it out.</param>
    public UserRoles(IOptions<InvestBotOptions> options, UnitDirectory? units = null)
    {
        _admins = new(options.Value.Admins.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()), StringComparer.OrdinalIgnoreCase);
        var i = 0;
        foreach (var setting in options.Value.Supervisors)
        {
            var where = $"InvestBot:Supervisors:{i++}";
            var id = setting.Id.Trim();
            if (id.Length == 0) throw new InvalidOperationException($"{where}：缺少 Id（督查人员的 Teams AAD 对象 id）。");
            var unit = units is null ? null : units.FindByName(setting.Unit) ?? units.FindById(setting.Unit.Trim());
            if (units is not null && unit is null)
                throw new InvalidOperationException($"{where}：单位“{setting.Unit}”不在 units.json 中。");
            if (unit is not null && unit.SupervisorSource is null)
                throw new InvalidOperationException($"{where}：{unit.Name}的人员不能设为督查；文件只规定了以下单位督查、跟踪问效："
                    + string.Join("、", units!.Units.Where(u => u.SupervisorSource is not null).Select(u => u.Name)) + "（见 units.json 的 supervisorSource）。");
            _supervisors[id] = unit;
        }
    }

    public bool IsAdmin(UserIdentity user) => user.IsKnown && _admins.Contains(user.Id);

    /// <summary>A 督查 user (and not an admin, whose rights include everything a 督查 user may do).</summary>
    public bool IsSupervisor(UserIdentity user) => user.IsKnown && !IsAdmin(user) && _supervisors.ContainsKey(user.Id);

    /// <summary>May see the office's read-only views (填报情况, 重点项目, 督查报告, exports): admins and 督查 users.</summary>
    public bool MayView(UserIdentity user) => IsAdmin(user) || IsSupervisor(user);

    /// <summary>The unit a 督查 user works for (区纪委监委 …), for the cards that say who is reading.</summary>
    public Unit? SupervisorUnit(UserIdentity user) => IsSupervisor(user) ? _supervisors[user.Id] : null;

    public IReadOnlyCollection<string> AdminIds => _admins;
}
