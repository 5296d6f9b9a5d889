using System.Net;
using System.Text.Json;

namespace Emulator.Tests;

/// <summary>
/// How long an exchanged Teams token lasts, per api-version: 24 hours from the exchange at 2021-03-31-preview1
/// (all three live recordings), the Teams token's own expiry from 2021-10-31-preview on.
/// </summary>
public sealed class TeamsExchangeLifetimeTests : IClassFixture<EmulatorFactory>
{
    private static readonly string AppId = "2a4c6d6e-1b12-4b1c-93f3-2d7d5c1f0b11";
    private static readonly string UserId = "7d2b2f0e-5f7c-4d3a-9a57-5a1b1e8a0c22";
    private readonly EmulatorFactory _factory;
    private readonly HttpClient _client;

    public TeamsExchangeLifetimeTests(EmulatorFactory factory)
    {
        _factory = factory;
        _client = factory.CreateSignedClient();
    }

    /// <summary>An unsigned Entra-style token; the emulator reads appid, oid and exp when no authority is set.</summary>
    private static string TeamsToken(DateTimeOffset expires, string appId, string userId)
    {
        static string Encode(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = Encode(new { alg = "none", typ = "JWT" });
        var payload = Encode(new { aud = "https://auth.msft.communication.azure.com", appid = appId, oid = userId, tid = Guid.NewGuid(), exp = expires.ToUnixTimeSeconds() });
        return $"{header}.{payload}.";
    }

    private async Task<(DateTimeOffset ExpiresOn, long Exp)> ExchangeAsync(string version, DateTimeOffset teamsTokenExpires)
    {
        var token = TeamsToken(teamsTokenExpires, AppId, UserId);
        object body = version.StartsWith("2021", StringComparison.Ordinal) ? new { token } : new { token, appId = AppId, userId = UserId };
        using var response = await _client.PostJson($"/teamsUser/:exchangeAccessToken?api-version={version}", JsonSerializer.Serialize(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        var exp = Api.DecodePayload(json.GetProperty("token").GetString()!).GetProperty("exp").GetInt64();
        return (json.GetProperty("expiresOn").GetDateTimeOffset(), exp);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(300)]
    [InlineData(1800)]
    public async Task V2021_03_31_Preview1_LastsADayFromTheExchange_WhateverTheTeamsTokenExpiry(int teamsTokenMinutes)
    {
        var now = _factory.Time.GetUtcNow();

        var (expiresOn, exp) = await ExchangeAsync("2021-03-31-preview1", now.AddMinutes(teamsTokenMinutes));

        Assert.Equal(now.AddSeconds(86_400), expiresOn);
        Assert.Equal(now.AddSeconds(86_400).ToUnixTimeSeconds(), exp);
    }

    [Theory]
    [InlineData("2021-10-31-preview")]
    [InlineData("2021-11-01")]
    [InlineData("2022-10-01")]
    [InlineData("2023-10-01")]
    [InlineData("2026-09-23")]
    public async Task LaterVersions_ExpireWithTheTeamsToken(string version)
    {
        var teamsExpires = _factory.Time.GetUtcNow().AddMinutes(75);

        var (expiresOn, exp) = await ExchangeAsync(version, teamsExpires);

        Assert.Equal(teamsExpires, expiresOn);
        Assert.Equal(teamsExpires.ToUnixTimeSeconds(), exp);
    }
}
