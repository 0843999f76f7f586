# HistoryGraph in a container: built in the SDK image, run in the ASP.NET Core runtime image as
# its non-root user, with a read-only root file system (only /tmp and /data are written).
#   docker build -t historygraph .
#   docker run --read-only --tmpfs /tmp -v historygraph-data:/data -p 8080:8080 historygraph
# The dashboard (served at /) is built with Vite, which needs Node.js 20.19 or later: in
# Node's own image, whatever Node.js the SDK image's distribution packages.
FROM node:22-bookworm-slim AS dashboard
WORKDIR /source
COPY schema/ schema/
COPY src/Dashboard/package.json src/Dashboard/package-lock.json src/Dashboard/
RUN cd src/Dashboard && npm ci --no-audit --no-fund --loglevel=error
COPY src/Dashboard/ src/Dashboard/
RUN cd src/Dashboard && npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Banana Cake Pop (the IDE at /graphql/) is installed from npm by the build.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /source
COPY . .
COPY --from=dashboard /source/src/Dashboard/dist/ src/Dashboard/dist/
RUN dotnet publish src/HistoryGraph/HistoryGraph.csproj -c Release -o /app -p:DashboardPrebuilt=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
# The embedded SQLite store, when no PostgreSQL connection string is given, lives on a volume.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Storage__SqlitePath=/data/history.db \
    DOTNET_EnableDiagnostics=0
RUN mkdir /data && chown "$APP_UID" /data
VOLUME /data
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "HistoryGraph.dll", "probe", "--path=/health/live"]
ENTRYPOINT ["dotnet", "HistoryGraph.dll"]
