using OpenQA.Selenium.Chrome;

namespace ChatBot.Tests.Browser;

/// <summary>Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver), found on PATH.</summary>
public static class Chromium
{
    public const string Missing =
        "chromium and chromedriver must be on PATH for the browser tests: apt-get install -y chromium chromium-driver";

    public static string? Browser { get; } = Find("chromium", "chromium-browser", "google-chrome");

    public static string? Driver { get; } = Find("chromedriver");

    /// <summary>CI must run the browser tests; only a developer's machine may skip them.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static ChromeDriver Start(string profileDirectory)
    {
        if (Browser is null || Driver is null)
        {
            throw new InvalidOperationException(Missing);
        }

        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
            $"--user-data-dir={profileDirectory}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private static string? Find(params string[] names) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
}

/// <summary>A browser test: skipped on a developer machine without chromium, but run (and failing with
/// <see cref="Chromium.Missing"/>) when CI=true, so CI can never pass without having run it.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if ((Chromium.Browser is null || Chromium.Driver is null) && !Chromium.Required)
        {
            Skip = Chromium.Missing + " (set CI=true to make this a failure)";
        }
    }
}
