# ACS Identity emulator image.
#
#   docker build -t acs-identity-emulator .
#   docker run --rm -p 8080:8080 -p 8443:8443 acs-identity-emulator
#
# The base images are build arguments so that an offline or mirrored build can substitute its
# own copies; the defaults are the official .NET images. The build stage runs on the build
# machine's platform and precompiles the app for the target's architecture (ReadyToRun: less JIT
# at start-up; crossgen cross-compiles, amd64 and arm64), and the runtime stage has no RUN step, so
# `docker buildx build --platform linux/amd64,linux/arm64 .` needs no emulation.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build
# The image's architecture (set by BuildKit and buildah; without it, the build machine's).
ARG TARGETARCH
WORKDIR /src

# Restore layer: only what `dotnet restore` of the web project reads, so that it is rebuilt only
# when a project or package version changes. A private feed can be supplied as a build secret:
#   docker build --secret id=nugetconfig,src=$HOME/.nuget/NuGet/NuGet.Config .
# The restore is for the target's runtime identifier, with the ReadyToRun compiler's package.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY emulator/Emulator/Emulator.csproj emulator/Emulator/
RUN --mount=type=secret,id=nugetconfig \
    case "${TARGETARCH:-$(uname -m)}" in arm64|aarch64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac; \
    echo "$rid" > /tmp/rid; \
    if [ -s /run/secrets/nugetconfig ]; then set -- --configfile /run/secrets/nugetconfig; fi; \
    dotnet restore emulator/Emulator/Emulator.csproj -r "$rid" -p:PublishReadyToRun=true "$@"

COPY .editorconfig ./
COPY emulator/Emulator/ emulator/Emulator/
# Framework-dependent (the runtime image's shared framework) but ReadyToRun: the emulator's and its
# packages' code is precompiled, which takes about a fifth off the time to ready (docs/benchmarks.md).
RUN dotnet publish emulator/Emulator/Emulator.csproj -c Release --no-restore \
        -r "$(cat /tmp/rid)" --self-contained false -p:PublishReadyToRun=true \
        -p:UseAppHost=false -o /app \
    && test -f /app/Emulator.dll \
    && mkdir /data

FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app

# Every option is also settable with -e (the double underscore is the configuration separator).
#   Server__HttpPort        HTTP port inside the container (the HEALTHCHECK follows it)
#   Server__HttpsPort       HTTPS port inside the container (-1 turns HTTPS off)
#   Server__ListenAddress   address Kestrel binds to; * is every interface
#   Server__DataDirectory   generated certificate, signing key, access key and resource id
#   Resource__AccessKey, Resource__Id, Resource__Location, Resource__EndpointHost
# ASPNETCORE_HTTP_PORTS (set by the aspnet image) is cleared: the emulator binds its own ports.
ENV ASPNETCORE_HTTP_PORTS= \
    Server__HttpPort=8080 \
    Server__HttpsPort=8443 \
    Server__ListenAddress=* \
    Server__DataDirectory=/data

COPY --from=build /app ./
# /data belongs to the unprivileged user (UID 1654, `app` in the aspnet image) so that a fresh
# named volume is writable; mount it to keep the certificate and keys across restarts.
COPY --from=build --chown=1654:1654 /data /data
VOLUME /data

USER 1654
EXPOSE 8080 8443

# The probe is the emulator itself: it reads the same configuration (so a custom Server__HttpPort
# is honoured), calls /emulator/health/ready on loopback and exits 0 or 1. No curl needed.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/Emulator.dll", "--health-check"]

ENTRYPOINT ["dotnet", "Emulator.dll"]
