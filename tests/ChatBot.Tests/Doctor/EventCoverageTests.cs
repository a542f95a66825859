using System.Text.Json;
using ChatBot.Aws.CloudTrail;
using ChatBot.Doctor;

namespace ChatBot.Tests.Doctor;

/// <summary>Event selectors as GetEventSelectors returns them (the CloudTrail API reference's shapes).</summary>
public sealed class EventCoverageTests
{
    [Theory]
    [InlineData("""{"EventSelectors":[{"ReadWriteType":"All","IncludeManagementEvents":true}]}""", true)]
    [InlineData("""{"EventSelectors":[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true}]}""", true)]
    [InlineData("""{"EventSelectors":[{"ReadWriteType":"ReadOnly","IncludeManagementEvents":true}]}""", false)]
    [InlineData("""{"EventSelectors":[{"ReadWriteType":"All","IncludeManagementEvents":false}]}""", false)]
    [InlineData("""{"EventSelectors":[]}""", false)]
    [InlineData("""{"AdvancedEventSelectors":[{"Name":"m","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}]}""", true)]
    [InlineData("""{"AdvancedEventSelectors":[{"Name":"m","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]},{"Field":"readOnly","Equals":["false"]}]}]}""", true)]
    [InlineData("""{"AdvancedEventSelectors":[{"Name":"m","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]},{"Field":"readOnly","Equals":["true"]}]}]}""", false)]
    [InlineData("""{"AdvancedEventSelectors":[{"Name":"m","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]},{"Field":"eventSource","NotEquals":["ec2.amazonaws.com"]}]}]}""", false)]
    [InlineData("""{"AdvancedEventSelectors":[{"Name":"m","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]},{"Field":"eventSource","Equals":["s3.amazonaws.com"]}]}]}""", false)]
    [InlineData("""{"AdvancedEventSelectors":[{"Name":"d","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]}]}]}""", false)]
    public void Ec2_management_writes_are_recorded_only_when_every_field_selector_lets_them_through(string json, bool recorded)
    {
        var selectors = JsonSerializer.Deserialize<TrailSelectors>(json)!;

        Assert.Equal(recorded, EventCoverage.RecordsEc2Writes(selectors) is not null);
    }
}
