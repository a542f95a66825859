using ChatBot.Sandbox;
using OpenQA.Selenium;

namespace ChatBot.Tests.Browser;

/// <summary>A real browser on the sandbox page: what a newcomer sees after `dotnet run`.</summary>
public sealed class SandboxPageTests(SandboxPage page) : IClassFixture<SandboxPage>
{
    [BrowserFact]
    public void The_page_lists_every_sample_instance_and_the_unknown_ID()
    {
        page.Open();

        var ids = page.Driver.FindElements(By.CssSelector("#samples li")).Select(li => li.GetAttribute("data-instance-id")).ToList();
        Assert.Contains("i-0da88f3e7eb2ce37e", ids);
        Assert.Contains("i-0dd6f50f33595377d", ids);
        Assert.Contains("i-0badc0ffee0000000", ids);
        var sample = SampleAccount.Load(DateTimeOffset.UtcNow);
        Assert.Equal(sample.Instances.Select(i => i.Instance.InstanceId).Concat(sample.UnknownInstanceIds).Order(), ids.Order());
    }

    [BrowserFact]
    public void A_slash_command_shows_the_Block_Kit_summary_with_links_and_the_details_in_its_thread()
    {
        page.Open();
        page.Driver.FindElement(By.CssSelector("#samples li[data-instance-id='i-0da88f3e7eb2ce37e']")).Click();
        Assert.Equal("/whostopped i-0da88f3e7eb2ce37e", page.Driver.FindElement(By.Id("text")).GetAttribute("value"));
        page.Driver.FindElement(By.Id("text")).SendKeys(Keys.Enter);

        var summary = page.BotMessage("messages", "stopped i-0da88f3e7eb2ce37e");
        Assert.Equal("jane.doe@example.com", summary.FindElement(By.CssSelector(".section b")).Text);
        Assert.Contains(summary.FindElements(By.CssSelector(".section code")), c => c.Text == "i-0da88f3e7eb2ce37e");
        Assert.Contains("UTC", summary.FindElement(By.CssSelector(".date")).GetAttribute("title"));
        var buttons = summary.FindElements(By.CssSelector(".actions a.button"));
        Assert.Equal(["CloudTrail event", "EC2 instance"], buttons.Select(b => b.Text));
        Assert.All(buttons, b => Assert.StartsWith("https://", b.GetAttribute("href")));
        Assert.Contains("Console", summary.Text);

        page.Until(_ => summary.FindElements(By.CssSelector(".replies")).FirstOrDefault()).Click();
        var details = page.BotMessage("thread-messages", "Details for");
        Assert.Contains("i-0da88f3e7eb2ce37e", details.Text);
    }

    [BrowserFact]
    public void A_mention_in_a_thread_is_answered_in_that_thread()
    {
        page.Open();
        page.Type("text", "@whostopped who stopped i-0377a6dc3c7760a91?");
        var question = page.Until(d => d.FindElements(By.CssSelector("#messages .message[data-user='U0SANDBOX']"))
            .LastOrDefault(m => m.Text.Contains("i-0377a6dc3c7760a91", StringComparison.Ordinal)));
        Assert.Equal("@whostopped", question.FindElement(By.CssSelector(".mention")).Text);

        page.Until(_ => question.FindElements(By.CssSelector(".replies")).FirstOrDefault()).Click();
        var answer = page.BotMessage("thread-messages", "alex.kim@example.com");
        Assert.Contains("Running again", answer.Text);

        page.Type("thread-text", "@whostopped and i-0a778df7af7bbf5e2?");
        Assert.Contains("shut down from inside the instance", page.BotMessage("thread-messages", "i-0a778df7af7bbf5e2").Text);
        Assert.DoesNotContain(page.Driver.FindElements(By.CssSelector("#messages .message[data-user='U0WHOSTOPPED']")),
            m => m.Text.Contains("i-0a778df7af7bbf5e2", StringComparison.Ordinal));
    }

    [BrowserFact]
    public void The_message_shortcut_on_the_canned_alarm_answers_for_its_instances_in_the_alarms_thread()
    {
        page.Open();
        var ids = SampleAccount.Load(DateTimeOffset.UtcNow).Instances.Select(i => i.Instance.InstanceId).Take(2).ToList();
        var alarm = page.Until(d => d.FindElements(By.CssSelector("#messages .message"))
            .FirstOrDefault(m => m.Text.Contains("StatusCheckFailed", StringComparison.Ordinal)));

        alarm.FindElement(By.CssSelector(".shortcut")).Click();

        page.Until(_ => alarm.FindElements(By.CssSelector(".replies")).FirstOrDefault()).Click();
        Assert.All(ids, id => page.BotMessage("thread-messages", id));
        Assert.DoesNotContain(page.Driver.FindElements(By.CssSelector("#messages .message[data-user='U0WHOSTOPPED']")),
            m => ids.Any(id => m.Text.Contains(id, StringComparison.Ordinal)));
    }

    [BrowserFact]
    public void A_stop_through_the_simulated_feed_raises_an_alert_that_is_edited_in_place_to_name_who_stopped_it()
    {
        page.Open();
        const string id = "i-04cd82d523a409a97";   // no other test here asks about it, so its new stop changes no other answer

        page.Driver.FindElement(By.CssSelector($"#samples li[data-instance-id='{id}'] .feed-stop")).Click();

        // EC2's state change raises the alert; CloudTrail's StopInstances, two seconds on, edits that same message to
        // name the stopper. Drawn again rather than appended, it stays the one message with its ts.
        var ts = page.Until(_ => page.BotMessage("messages", id).GetAttribute("data-ts"));
        var edited = page.Until(d => d.FindElements(By.CssSelector($"#messages .message[data-ts='{ts}']"))
            .Select(m => m.Text).FirstOrDefault(text => text.Contains("you@example.com", StringComparison.Ordinal)));
        Assert.Contains(id, edited);
        // Read in one go, and again if the page redrew meanwhile.
        var messages = page.Until(d => d.FindElements(By.CssSelector("#messages .message[data-user='U0WHOSTOPPED']"))
            .Select(m => (Ts: m.GetAttribute("data-ts"), m.Text)).ToList());
        Assert.Single(messages, m => m.Ts == ts);
        Assert.DoesNotContain(messages, m => m.Ts != ts && m.Text.Contains(id, StringComparison.Ordinal));
    }

    [BrowserFact]
    public void Mrkdwn_from_AWS_or_the_asker_never_becomes_markup()
    {
        page.Open();

        var html = (string?)((IJavaScriptExecutor)page.Driver).ExecuteScript(
            "return WhoStopped.mrkdwn.toHtml(arguments[0]);",
            "&lt;img src=x onerror=alert(1)&gt; <javascript:alert(1)|click me> *bold `a*b`* <https://example.com/?a=1&amp;b=2|docs> <!date^0^{date_num}|1970-01-01 UTC>");

        Assert.NotNull(html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.DoesNotContain("javascript:", html.Replace("click me", ""));
        Assert.Contains("<b>bold <code>a*b</code></b>", html);
        Assert.Contains("href=\"https://example.com/?a=1&amp;b=2\"", html);
        Assert.Contains("title=\"1970-01-01 UTC\"", html);
    }
}
