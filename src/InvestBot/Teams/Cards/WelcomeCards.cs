using Newtonsoft.Json.Linq;

namespace InvestBot.Teams.Cards;

/// <summary>The welcome card (on install) and the help card (帮助, or input the bot cannot place).</summary>
public static class WelcomeCards
{
    public static JObject Welcome(string conversationType, IEnumerable<HelpEntry> entries)
    {
        var where = conversationType switch
        {
            "personal" => "直接在这里给我发消息即可。",
            _ => "在群聊或频道里请先 @我，再输入问题或命令。",
        };
        return Card.Create(
            new JToken[]
            {
                Card.Title("您好，我是宝坻区招商引资助手 InvestBot"),
                Card.Text("我可以解答《关于进一步推动招商引资工作高质量发展的三十条措施》的相关问题，收集各单位每月招商数据，并发布招商引资排名通报。"),
                Card.Text(where, isSubtle: true),
                EntryList(entries.Where(e => !e.AdminOnly)),
            },
            new[] { Card.ImBack("查看帮助", "帮助") },
            fallbackText: "您好，我是宝坻区招商引资助手 InvestBot。发送“帮助”查看我能做什么。");
    }

    public static JObject Help(IEnumerable<HelpEntry> entries, bool isAdmin, string? notUnderstood = null)
    {
        var all = entries.ToList();
        var body = new List<JToken>();
        if (notUnderstood is not null)
            body.Add(Card.Text($"抱歉，我没有理解“{Truncate(notUnderstood, 40)}”。您可以这样问我：", color: "Attention"));
        body.Add(Card.Title("InvestBot 使用帮助"));
        body.Add(EntryList(all.Where(e => !e.AdminOnly)));
        if (isAdmin && all.Any(e => e.AdminOnly))
        {
            body.Add(Card.Heading("管理员命令"));
            body.Add(EntryList(all.Where(e => e.AdminOnly)));
        }
        body.Add(Card.Text("在群聊或频道中使用时，请先 @InvestBot。", isSubtle: true, spacing: "Medium"));
        return Card.Create(body, fallbackText: "InvestBot 使用帮助：发送“帮助”查看可用命令。");
    }

    private static JObject EntryList(IEnumerable<HelpEntry> entries) =>
        Card.Facts(entries.OrderBy(e => e.Order).Select(e => (e.Title, e.Examples)));

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
