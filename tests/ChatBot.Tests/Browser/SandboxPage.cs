using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace ChatBot.Tests.Browser;

/// <summary>The built app in sandbox mode (Development, no Slack settings) and a headless Chromium pointed at it.</summary>
public sealed class SandboxPage : IAsyncLifetime
{
    private readonly string profile = Directory.CreateTempSubdirectory("whostopped-chromium-").FullName;
    private AppProcess? app;
    private ChromeDriver? driver;

    public ChromeDriver Driver => driver ?? throw new InvalidOperationException(Chromium.Missing);

    public Uri Url { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (Chromium.Browser is null || Chromium.Driver is null)
        {
            return; // each test then fails (in CI) with Chromium.Missing
        }

        app = AppProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development", ["SLACK_SIGNING_SECRET"] = null, ["SLACK_BOT_TOKEN"] = null,
        });
        Url = await app.WaitUntilListeningAsync();
        driver = Chromium.Start(profile);
    }

    public async Task DisposeAsync()
    {
        driver?.Quit();
        driver?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        Directory.Delete(profile, recursive: true);
    }

    public void Open()
    {
        Driver.Navigate().GoToUrl(Url);
        Until(d => d.FindElements(By.CssSelector("#samples li")).Count > 0);
    }

    public void Type(string textareaId, string text)
    {
        var box = Driver.FindElement(By.Id(textareaId));
        box.Clear();
        box.SendKeys(text + Keys.Enter);
    }

    /// <summary>Waits for a bot message (in the channel or the open thread pane) whose text contains <paramref name="text"/>.</summary>
    public IWebElement BotMessage(string container, string text) => Until(d => d
        .FindElements(By.CssSelector($"#{container} .message[data-user='U0WHOSTOPPED']"))
        .FirstOrDefault(m => m.Text.Contains(text, StringComparison.Ordinal)));

    /// <summary>Waits for <paramref name="condition"/> to give a value. The page redraws its messages as it polls, so an
    /// element found a moment ago may be gone: that is tried again, not a failure.</summary>
    public T Until<T>(Func<IWebDriver, T?> condition)
    {
        var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(20));
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        return wait.Until(d => condition(d))!;
    }
}
