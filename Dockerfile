# whostopped: built with the .NET SDK image, run on the smaller ASP.NET runtime image as a non-root user.
#   docker build -t whostopped .
#   docker run -p 8080:8080 -e SLACK_SIGNING_SECRET=… -e SLACK_BOT_TOKEN=xoxb-… -e AWS_REGION=eu-west-1 whostopped

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore from the files that decide the packages first, so a code change reuses the cached restore layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ChatBot/ChatBot.csproj src/ChatBot/
# For the build machine's own platform (--use-current-runtime): the published code is precompiled (ReadyToRun).
RUN dotnet restore src/ChatBot/ChatBot.csproj --use-current-runtime
COPY src/ src/
RUN dotnet publish src/ChatBot/ChatBot.csproj --configuration Release --use-current-runtime --no-restore --output /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Production always: missing Slack secrets stop start-up by name, logs are JSON, and the sandbox never runs.
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# The image's built-in unprivileged user (uid 1654).
USER $APP_UID
# The runtime image has no curl or wget; the app probes its own /healthz when started with "healthcheck".
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["dotnet", "/app/ChatBot.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "/app/ChatBot.dll"]
