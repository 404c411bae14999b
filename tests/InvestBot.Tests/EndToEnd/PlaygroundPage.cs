using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace InvestBot.Tests.EndToEnd;

/// <summary>
/// Page object for the Agents Playground UI: pick a conversation, type (optionally @mentioning the
/// bot), and find the Adaptive Cards Teams' renderer drew. Every wait is for something visible.
/// </summary>
public sealed class PlaygroundPage
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };
    private readonly IPage _page;

    private PlaygroundPage(IPage page) => _page = page;

    public IPage Page => _page;

    public static Task<PlaygroundPage> OpenAsync(IBrowser browser, PlaygroundStack stack) => OpenAsync(browser, stack.PlaygroundUrl);

    public static async Task<PlaygroundPage> OpenAsync(IBrowser browser, string playgroundUrl)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        // The Playground's 15 MB script can take long to load on a busy machine: wait for the page to be committed,
        // then for the sign that it reached the bot, with room for a slow start.
        await page.GotoAsync(playgroundUrl, new() { WaitUntil = WaitUntilState.Commit, Timeout = 90_000 });
        var playground = new PlaygroundPage(page);
        // The log panel says so once the Playground has reached the bot.
        await Expect(page.GetByText("Connected.", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 90_000 });
        return playground;
    }

    public Task OpenPersonalChatAsync() => OpenConversationAsync("Personal Chat");

    public Task OpenGroupChatAsync() => OpenConversationAsync(PlaygroundConfig.GroupChatName);

    public Task OpenChannelAsync() => OpenConversationAsync($"{PlaygroundConfig.TeamName} - {PlaygroundConfig.ChannelName}");

    private async Task OpenConversationAsync(string name)
    {
        await _page.GetByRole(AriaRole.Treeitem, new() { Name = name, Exact = true }).ClickAsync();
        await Expect(Composer).ToBeVisibleAsync(Visible);
    }

    /// <summary>The message box; in a channel the reply box under the latest post.</summary>
    private ILocator Composer => _page.Locator("[role=textbox][contenteditable=true]").Last;

    /// <summary>Cards the bot drew in the open conversation.</summary>
    public ILocator Cards => _page.Locator(".ac-adaptiveCard");

    public ILocator CardsWith(string text) => _page.Locator(".ac-adaptiveCard", new() { HasText = text });

    /// <summary>Sends a message and waits for one more card containing <paramref name="expect"/> to appear.</summary>
    public async Task<ILocator> SendAndWaitForCardAsync(string text, string expect, bool mentionBot = false, PlaygroundUser? mention = null)
    {
        var before = await CardsWith(expect).CountAsync();
        await SendAsync(text, mentionBot, mention);
        return await WaitForNewCardAsync(expect, before);
    }

    /// <summary>Types and sends a message; text of several lines is pasted, as a table copied from a sheet would be.
    /// <paramref name="mention"/> is @mentioned after the text, as a person picked from the Playground's @ menu.</summary>
    public async Task SendAsync(string text, bool mentionBot = false, PlaygroundUser? mention = null)
    {
        await Composer.ClickAsync();
        if (mentionBot) await MentionAsync(PlaygroundConfig.BotName);
        if (text.Contains('\n'))
            await Composer.EvaluateAsync("""
                (box, text) => {
                  const data = new DataTransfer();
                  data.setData('text/plain', text);
                  box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
                }
                """, text);
        else
            await _page.Keyboard.TypeAsync(text);
        if (mention is not null)
        {
            await _page.Keyboard.TypeAsync(" "); // the @ menu opens only at the start of a word
            await MentionAsync(mention.Name);
        }
        await _page.Keyboard.PressAsync("Enter");
    }

    private async Task MentionAsync(string name)
    {
        await _page.Keyboard.TypeAsync("@");
        await _page.GetByRole(AriaRole.Menuitem).Filter(new() { HasText = name }).First.ClickAsync();
        await _page.Keyboard.TypeAsync(" ");
    }

    /// <summary>
    /// Draws the card as wide as a phone shows it (<paramref name="width"/> CSS pixels) and lists what does not fit: any
    /// element reaching past the card's edges, and any text whose content is wider than its box (cut off or spilling
    /// into the next column). Saves a picture of the card at that width to <paramref name="screenshot"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> ClippedAtWidthAsync(ILocator card, int width, string screenshot)
    {
        // The Playground keeps a message at least ~450 px wide, so the card itself is narrowed; a tall window lets the
        // whole card be drawn for its picture.
        var desktop = _page.ViewportSize;
        await _page.SetViewportSizeAsync(desktop?.Width ?? 1400, 4000);
        var problems = await card.EvaluateAsync<string[]>("""
            (card, width) => {
              card.style.width = width + 'px';
              card.style.maxWidth = width + 'px';
              card.style.minWidth = '0';
              card.style.boxSizing = 'border-box';
              const edge = card.getBoundingClientRect();
              const found = [];
              for (const el of card.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.width <= 1 || r.height <= 1) continue; // nothing a reader sees
                const text = (el.innerText || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 40);
                if (r.right > edge.right + 1 || r.left < edge.left - 1)
                  found.push(`${text}: ${Math.round(r.left - edge.left)}..${Math.round(r.right - edge.left)} outside 0..${width}`);
                else if (el.children.length === 0 && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
                  found.push(`${text}: content ${el.scrollWidth}px in a ${el.clientWidth}px box`);
              }
              return found;
            }
            """, width);
        await card.ScrollIntoViewIfNeededAsync();
        await card.ScreenshotAsync(new() { Path = screenshot });
        await card.EvaluateAsync("card => { card.style.width = card.style.maxWidth = card.style.minWidth = ''; }");
        if (desktop is not null) await _page.SetViewportSizeAsync(desktop.Width, desktop.Height);
        return problems;
    }

    /// <summary>Waits until there are more than <paramref name="before"/> cards containing the text; returns the newest.</summary>
    public async Task<ILocator> WaitForNewCardAsync(string text, int before)
    {
        var cards = CardsWith(text);
        await Expect(cards).ToHaveCountAsync(before + 1, new() { Timeout = 30_000 });
        var card = cards.Last;
        await Expect(card).ToBeVisibleAsync(Visible);
        return card;
    }

    /// <summary>Waits for a card that contains every one of the texts; returns the newest such card.</summary>
    public async Task<ILocator> WaitForCardAsync(string text, params string[] alsoContaining)
    {
        var cards = CardsWith(text);
        foreach (var other in alsoContaining)
            cards = cards.Filter(new() { HasText = other });
        var card = cards.Last;
        await Expect(card).ToBeVisibleAsync(Visible);
        return card;
    }

    /// <summary>Sends a message and waits for a plain-text reply containing <paramref name="expect"/>.</summary>
    public async Task SendAndWaitForTextAsync(string text, string expect, bool mentionBot = false, PlaygroundUser? mention = null)
    {
        var replies = _page.GetByText(expect);
        var before = await replies.CountAsync();
        await SendAsync(text, mentionBot, mention);
        // The text also shows in the log panel and the chat list preview, so wait for "more", not "one more".
        await replies.Nth(before).WaitForAsync(new() { Timeout = 30_000 });
    }

    /// <summary>Waits until some message (text or card) shows the text.</summary>
    public Task WaitForTextAsync(string text) =>
        Expect(_page.GetByText(text).First).ToBeVisibleAsync(Visible);

    /// <summary>Fills every text input of a card with the same value.</summary>
    public async Task FillAllCardInputsAsync(ILocator card, string value)
    {
        var inputs = card.Locator("input");
        var count = await inputs.CountAsync();
        Assert.True(count > 0, "the card has no inputs");
        for (var i = 0; i < count; i++)
            await inputs.Nth(i).FillAsync(value);
    }

    /// <summary>Presses a button on a card (Action.Execute / Action.Submit / imBack).</summary>
    public Task ClickCardButtonAsync(ILocator card, string title) =>
        card.GetByRole(AriaRole.Button, new() { Name = title, Exact = true }).ClickAsync();

    /// <summary>Presses a button and waits for one more card containing <paramref name="expect"/> (a new message, or the
    /// pressed card replaced); returns the newest such card.</summary>
    public async Task<ILocator> ClickAndWaitForCardAsync(ILocator card, string button, string expect)
    {
        var before = await CardsWith(expect).CountAsync();
        await ClickCardButtonAsync(card, button);
        return await WaitForNewCardAsync(expect, before);
    }

    /// <summary>Presses a button and waits for one more place showing <paramref name="expect"/> (a text reply).</summary>
    public async Task ClickAndWaitForTextAsync(ILocator card, string button, string expect)
    {
        var replies = _page.GetByText(expect);
        var before = await replies.CountAsync();
        await ClickCardButtonAsync(card, button);
        await replies.Nth(before).WaitForAsync(new() { Timeout = 30_000 });
    }

    /// <summary>Presses an Action.OpenUrl button and waits for the browser to fetch the address; returns it and the status.</summary>
    public async Task<(string Url, int Status)> ClickAndWaitForOpenedUrlAsync(ILocator card, string button, string urlContains)
    {
        var fetched = new TaskCompletionSource<IResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnResponse(object? sender, IResponse response)
        {
            if (response.Url.Contains(urlContains, StringComparison.Ordinal)) fetched.TrySetResult(response);
        }
        _page.Context.Response += OnResponse;
        try
        {
            // The address is a download: the click must not wait for a page to load from it.
            // The Adaptive Cards renderer gives Action.OpenUrl the role of a link (other actions are buttons).
            var name = new LocatorGetByRoleOptions { Name = button, Exact = true };
            await card.GetByRole(AriaRole.Link, name).Or(card.GetByRole(AriaRole.Button, name)).First.ClickAsync(new() { NoWaitAfter = true });
            var response = await fetched.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return (response.Url, response.Status);
        }
        finally
        {
            _page.Context.Response -= OnResponse;
        }
    }

    /// <summary>Types into a card input by its accessible label (Input.* label or placeholder).</summary>
    public async Task FillCardInputAsync(ILocator card, string label, string value)
    {
        var input = card.GetByLabel(label).First;
        await input.FillAsync(value);
    }

    public Task ScreenshotAsync(string path) => _page.ScreenshotAsync(new() { Path = path, FullPage = true });
}
