using InvestBot.Access;
using InvestBot.Organization;

namespace InvestBot.Reporting;

public abstract record BindingOutcome
{
    /// <summary>The request is stored; the admins should be asked.</summary>
    public sealed record Requested(BindingRequest Request, Unit Unit) : BindingOutcome;
    /// <summary>A pending request asked again soon after: updated in place, the admins are not asked again.</summary>
    public sealed record Updated(BindingRequest Request, Unit Unit) : BindingOutcome;
    public sealed record Bound(UnitBinding Binding, Unit Unit) : BindingOutcome;
    public sealed record Rejected(BindingRequest Request, Unit Unit) : BindingOutcome;
    public sealed record Unbound(UnitBinding Binding) : BindingOutcome;
    public sealed record Refused(string Reason) : BindingOutcome;
}

/// <summary>
/// Reporter ↔ unit bindings: users ask, admins approve or reject, admins may also bind and unbind directly.
/// The admin role is checked here, on every call, from configuration — never from card data.
/// </summary>
public sealed class BindingService(IUnitBindingStore bindings, BindingRequestStore requests, UnitDirectory units,
    UserRoles roles, TimeProvider time)
{
    private const string AdminOnly = "只有区合作交流办管理员可以进行此操作。";

    /// <summary>Within this time of the admins' last card, asking again updates the pending request instead of sending new cards.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(10);

    public IReadOnlyCollection<string> AdminIds => roles.AdminIds;

    public bool IsAdmin(UserIdentity user) => roles.IsAdmin(user);

    public async Task<BindingOutcome> RequestAsync(UserIdentity user, Unit unit, CancellationToken ct)
    {
        if (!unit.Reports) return new BindingOutcome.Refused(unit.NotReportingMessage.TrimEnd('。') + "，无需绑定。");
        if (await bindings.GetAsync(user.Id, ct) is { } current && current.UnitId == unit.Id)
            return new BindingOutcome.Refused($"您已绑定{unit.Name}，可以直接发送“填报”。");
        var now = time.GetUtcNow();
        // One pending request per user: repeating it (or changing the unit) soon after must not flood every admin with cards.
        if (await requests.GetAsync(user.Id, ct) is { } pending && now - pending.CardsSentAt < RepeatWindow)
        {
            var updated = pending with { UserName = user.Name, UnitId = unit.Id, RequestedAt = now };
            await requests.PutAsync(updated, ct);
            return new BindingOutcome.Updated(updated, unit);
        }
        var request = new BindingRequest(user.Id, user.Name, unit.Id, now, now);
        await requests.PutAsync(request, ct);
        return new BindingOutcome.Requested(request, unit);
    }

    /// <summary>An admin approves or rejects a pending request. Only the first decision counts.</summary>
    public async Task<BindingOutcome> DecideAsync(UserIdentity admin, string? userId, string? unitId, bool approve, CancellationToken ct)
    {
        if (!roles.IsAdmin(admin)) return new BindingOutcome.Refused(AdminOnly);
        var unit = units.FindById(unitId);
        if (string.IsNullOrEmpty(userId) || unit is null) return new BindingOutcome.Refused("申请数据无效。");
        var request = await requests.TakeAsync(userId, unit.Id, ct);
        if (request is null) return new BindingOutcome.Refused("这条申请已被处理、撤回或已被新的申请替代。发送“绑定列表”可查看待审批的申请。");
        if (!approve) return new BindingOutcome.Rejected(request, unit);
        var binding = new UnitBinding(request.UserId, request.UserName, unit.Id, admin.Name ?? admin.Id, time.GetUtcNow());
        await bindings.SetAsync(binding, ct);
        return new BindingOutcome.Bound(binding, unit);
    }

    public async Task<BindingOutcome> BindDirectAsync(UserIdentity admin, string userId, string? userName, Unit unit, CancellationToken ct)
    {
        if (!roles.IsAdmin(admin)) return new BindingOutcome.Refused(AdminOnly);
        if (!unit.Reports) return new BindingOutcome.Refused(unit.NotReportingMessage.TrimEnd('。') + "，无需绑定。");
        var binding = new UnitBinding(userId, userName, unit.Id, admin.Name ?? admin.Id, time.GetUtcNow());
        await bindings.SetAsync(binding, ct);
        // A pending request of that user is settled by the direct binding.
        if (await requests.GetAsync(userId, ct) is { } pending) await requests.TakeAsync(userId, pending.UnitId, ct);
        return new BindingOutcome.Bound(binding, unit);
    }

    public async Task<BindingOutcome> UnbindAsync(UserIdentity admin, string? userId, CancellationToken ct)
    {
        if (!roles.IsAdmin(admin)) return new BindingOutcome.Refused(AdminOnly);
        if (string.IsNullOrEmpty(userId) || await bindings.GetAsync(userId, ct) is not { } binding)
            return new BindingOutcome.Refused("该用户没有绑定任何单位。");
        await bindings.RemoveAsync(userId, ct);
        return new BindingOutcome.Unbound(binding);
    }

    public async Task<(IReadOnlyList<UnitBinding> Bindings, IReadOnlyList<BindingRequest> Pending)?> ListAsync(UserIdentity admin, CancellationToken ct)
    {
        if (!roles.IsAdmin(admin)) return null;
        var sorted = (await bindings.ListAsync(ct)).OrderBy(b => b.UnitId).ToList();
        return (sorted, await requests.ListAsync(ct));
    }
}
