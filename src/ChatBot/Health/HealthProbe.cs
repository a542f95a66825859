namespace ChatBot.Health;

/// <summary><c>ChatBot healthcheck</c>: asks the app already running in this container for /healthz and exits 0 or 1.
/// Docker's HEALTHCHECK runs it because the ASP.NET runtime image has neither curl nor wget.</summary>
public static class HealthProbe
{
    public const string Argument = "healthcheck";

    public static bool IsRequested(string[] args) => args is [Argument];

    public static async Task<int> RunAsync()
    {
        // The port the container listens on (ASPNETCORE_HTTP_PORTS may list several; the first will do).
        var port = (Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS") ?? "8080").Split(';', ',')[0].Trim();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"healthcheck: {e.Message}");
            return 1;
        }
    }
}
