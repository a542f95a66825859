using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace ChatBot.Aws;

/// <summary>AWS settings, read from the standard AWS variables plus WHOSTOPPED_REGIONS.</summary>
public sealed class AwsOptions
{
    /// <summary>The home region: signs region-less calls such as DescribeRegions.</summary>
    [ConfigurationKeyName("AWS_REGION")]
    public string? Region { get; set; }

    [ConfigurationKeyName("AWS_DEFAULT_REGION")]
    public string? DefaultRegion { get; set; }

    /// <summary>Comma-separated regions to search when the question names none.</summary>
    [ConfigurationKeyName("WHOSTOPPED_REGIONS")]
    public string? Regions { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL")]
    [Url]
    public string? EndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_CLOUDTRAIL")]
    [Url]
    public string? CloudTrailEndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_EC2")]
    [Url]
    public string? Ec2EndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_STS")]
    [Url]
    public string? StsEndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_S3")]
    [Url]
    public string? S3EndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_ATHENA")]
    [Url]
    public string? AthenaEndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")]
    public bool IgnoreConfiguredEndpointUrls { get; set; }

    public string HomeRegion => Region ?? DefaultRegion ?? "us-east-1";

    public IReadOnlyList<string> SearchRegions =>
        (Regions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The endpoint override for a service, as the AWS SDKs pick it: service-specific, then global.</summary>
    public Uri? EndpointFor(string? serviceSpecificUrl) =>
        IgnoreConfiguredEndpointUrls ? null
        : (serviceSpecificUrl ?? EndpointUrl) is { Length: > 0 } url ? new Uri(url) : null;
}
