using System.Text.Json;
using ChatBot.Investigation;
using ChatBot.Slack;
using ChatBot.Slack.Answers;

namespace ChatBot.Tests.Slack;

public class SlackAnswerTests
{
    /// <summary>Without the default escaping of &lt; and &amp;, so that raw mentions would show in the JSON.</summary>
    private static readonly JsonSerializerOptions Readable = new(SlackJson.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Json(SlackMessage message) => JsonSerializer.Serialize(message, Readable);

    [Fact]
    public void Summary_says_who_when_and_how_with_the_instance_name()
    {
        var summary = SlackAnswer.Render(SampleFindings.StoppedFromConsole).Summary;
        var headline = Assert.IsType<SectionBlock>(summary.Blocks[0]).Text!.Text;
        Assert.Contains("*alice@example.com* stopped `i-0123456789abcdef0` (*web-1*)", headline);
        Assert.Contains(Mrkdwn.Date(SampleFindings.StopTime), headline);
        Assert.Contains("via Console", headline);
        Assert.Contains("alice@example.com", summary.Text);
    }

    [Fact]
    public void A_not_found_summary_names_the_regions_whose_ec2_could_not_answer()
    {
        var finding = new Finding { InstanceId = "i-0123456789abcdef0", Why = Why.NotFound, UnansweredRegions = ["ap-south-1", "eu-west-1"] };

        var summary = SlackAnswer.Render(finding).Summary;

        Assert.Contains("was not found, but EC2 in ap-south-1, eu-west-1 could not answer", summary.Text);
        Assert.DoesNotContain("any region searched", summary.Text);
    }

    [Fact]
    public void Summary_shows_key_tags_but_leaves_the_rest_for_the_thread()
    {
        var summary = SlackAnswer.Render(SampleFindings.StoppedFromConsole).Summary;
        var fields = Assert.IsType<SectionBlock>(summary.Blocks[0]).Fields!.Select(f => f.Text).ToList();
        Assert.Contains(fields, f => f.Contains("`env` prod") && f.Contains("`team` payments"));
        Assert.Contains(fields, f => f.Contains("m5.large, eu-west-1a"));
    }

    [Fact]
    public void Summary_has_link_buttons_to_the_event_and_the_instance()
    {
        var finding = SampleFindings.StoppedFromConsole;
        var actions = SlackAnswer.Render(finding).Summary.Blocks.OfType<ActionsBlock>().Single();
        Assert.Equal([finding.Links.Event, finding.Links.Instance], actions.Elements.OfType<LinkButton>().Select(b => b.Url));
        Assert.Equal(2, actions.Elements.Select(b => b.ActionId).Distinct().Count());
    }

    [Fact]
    public void Buttons_are_left_out_when_a_link_is_missing_or_not_http()
    {
        var finding = SampleFindings.StoppedFromConsole with { Links = new ConsoleLinks(null, "javascript:alert(1)") };
        Assert.Empty(SlackAnswer.Render(finding).Summary.Blocks.OfType<ActionsBlock>());
    }

    [Fact]
    public void Serialises_as_Block_Kit_with_type_discriminators_and_snake_case()
    {
        var json = Json(SlackAnswer.Render(SampleFindings.StoppedFromConsole).Summary);
        using var doc = JsonDocument.Parse(json);
        var blocks = doc.RootElement.GetProperty("blocks");
        Assert.Equal("section", blocks[0].GetProperty("type").GetString());
        Assert.Equal("mrkdwn", blocks[0].GetProperty("text").GetProperty("type").GetString());
        var button = blocks.EnumerateArray().Single(b => b.GetProperty("type").GetString() == "actions").GetProperty("elements")[0];
        Assert.Equal("button", button.GetProperty("type").GetString());
        Assert.Equal("plain_text", button.GetProperty("text").GetProperty("type").GetString());
        Assert.True(button.TryGetProperty("action_id", out _));
    }

    [Fact]
    public void Thread_holds_caller_source_ip_user_agent_mfa_key_denied_attempts_and_other_instances()
    {
        var thread = string.Join("\n", SlackAnswer.Render(SampleFindings.StoppedFromConsole).Thread.Select(Json));
        foreach (var expected in new[] { "203.0.113.7", "AWS Internal", "*MFA*\\nyes", "ASIAEXAMPLEKEY123456", "Denied attempts",
                     "Client.UnauthorizedOperation", "Also stopped by the same call", "i-0fedcba9876543210", "History", "payments" })
        {
            Assert.Contains(expected, thread);
        }
    }

    [Fact]
    public void Strings_from_AWS_cannot_ping_or_mention_anyone()
    {
        var answer = SlackAnswer.Render(SampleFindings.WithHostileStrings);
        var all = string.Join("\n", answer.Thread.Prepend(answer.Summary).Select(Json));
        foreach (var hostile in new[] { "<!channel>", "<!here>", "<!everyone>", "<@U123ABC>", "<@U999>", "<!subteam", "<https://evil" })
        {
            Assert.DoesNotContain(hostile, all);
        }

        Assert.Contains("&lt;!channel&gt; web &amp; api", all);
        Assert.Contains("&lt;@U123ABC&gt;", all);
    }

    [Theory]
    [InlineData(StopCause.OsShutdown, "from inside the instance")]
    [InlineData(StopCause.Spot, "interrupted Spot instance")]
    [InlineData(StopCause.Scheduled, "on a schedule")]
    [InlineData(StopCause.Unknown, "Could not tell who stopped")]
    public void Each_cause_reads_as_its_own_sentence(StopCause cause, string expected)
    {
        var finding = SampleFindings.StoppedFromConsole with { Cause = cause, Stop = null };
        Assert.Contains(expected, SlackAnswer.Render(finding).Summary.Text);
    }

    [Fact]
    public void An_error_is_said_plainly_and_has_no_thread()
    {
        var finding = new Finding { InstanceId = SampleFindings.Id, Problems = [new Problem(ProblemKind.AccessDenied) { Action = "cloudtrail:LookupEvents" }] };
        var answer = SlackAnswer.Render(finding);
        Assert.Contains("Could not answer for `i-0123456789abcdef0`: AWS denied cloudtrail:LookupEvents: the bot's IAM role needs the `cloudtrail:LookupEvents` permission.", answer.Summary.Text);
        Assert.Empty(answer.Thread);
    }

    [Fact]
    public void An_unknown_instance_says_where_it_was_looked_for() =>
        Assert.Contains("was not found in any region searched", SlackAnswer.Render(new Finding { InstanceId = SampleFindings.Id }).Summary.Text);

    [Fact]
    public void Running_again_names_who_started_it_and_when()
    {
        var start = new StateChange("StartInstances", SampleFindings.StopTime.AddHours(1), new Actor("carol", "IAMUser", null), "AWS CLI", "e-start");
        var finding = SampleFindings.StoppedFromConsole with { RunningAgain = true, LastStart = start };
        var context = SlackAnswer.Render(finding).Summary.Blocks.OfType<ContextBlock>().Single();
        Assert.Contains(context.Elements, e => e.Text.Contains("*carol* started it " + Mrkdwn.Date(start.EventTime)));
    }

    [Fact]
    public void A_terminated_instance_gone_from_ec2_is_still_answered_from_cloudtrail()
    {
        var finding = SampleFindings.StoppedFromConsole with { Found = false, State = null, Stop = SampleFindings.StoppedFromConsole.Stop! with { EventName = "TerminateInstances" } };
        var headline = SlackAnswer.Render(finding).Summary.Text;
        Assert.Contains("terminated `i-0123456789abcdef0`", headline);
        Assert.DoesNotContain("not found", headline);
        Assert.NotEmpty(SlackAnswer.Render(finding).Thread);
    }

    [Fact]
    public void A_stop_found_despite_an_ec2_error_still_names_who()
    {
        var finding = SampleFindings.StoppedFromConsole with { Problems = [new Problem(ProblemKind.AccessDenied) { Action = "ec2:DescribeInstances" }] };
        var summary = SlackAnswer.Render(finding).Summary;
        Assert.StartsWith($":octagonal_sign: *{SampleFindings.StoppedFromConsole.Stop?.Actor!.DisplayName}*", summary.Text);
        Assert.Contains(summary.Blocks.OfType<ContextBlock>().Single().Elements, e => e.Text == ":warning: AWS denied ec2:DescribeInstances: the bot's IAM role needs the `ec2:DescribeInstances` permission.");
    }

    [Fact]
    public void Summaries_combined_into_one_message_keep_every_action_id_unique()
    {
        var other = SampleFindings.StoppedFromConsole with { InstanceId = "i-0fedcba9876543210" };
        var combined = SlackAnswer.Combine([SlackAnswer.Render(SampleFindings.StoppedFromConsole).Summary, SlackAnswer.Render(other).Summary]).Single();

        var ids = combined.Blocks.OfType<ActionsBlock>().SelectMany(a => a.Elements).Select(b => b.ActionId).ToList();
        Assert.Equal(4, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void A_cause_ec2_knows_is_still_said_when_cloudtrail_could_not_be_searched()
    {
        var finding = SampleFindings.StoppedFromConsole with
        {
            Cause = StopCause.OsShutdown, Why = Why.OsShutdown, Stop = null, Problems = [new Problem(ProblemKind.AccessDenied) { Action = "cloudtrail:LookupEvents" }],
        };

        var summary = SlackAnswer.Render(finding).Summary;

        Assert.Contains("shut down from inside the instance", summary.Text);
        Assert.Contains(summary.Blocks.OfType<ContextBlock>().Single().Elements, e => e.Text == ":warning: AWS denied cloudtrail:LookupEvents: the bot's IAM role needs the `cloudtrail:LookupEvents` permission.");
    }
}
