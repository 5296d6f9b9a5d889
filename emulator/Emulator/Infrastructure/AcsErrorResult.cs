using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace Emulator.Infrastructure;

/// <summary>
/// Writes an <see cref="AcsError"/> the way the live service does: <c>application/json</c> without charset, chunked; and
/// leaves it in <see cref="HttpContext.Features"/> as the request's answer.
/// </summary>
internal sealed class AcsErrorResult(AcsError error) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    // The service writes apostrophes and other printable characters as they are ("doesn't"), not as \u0027.
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public AcsError Error { get; } = error;

    public int? StatusCode => Error.Status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;

        // The request's answer, for the stages that look at it afterwards (api-supported-versions, the journal).
        httpContext.Features.Set(Error);
        response.StatusCode = Error.Status;

        if (!Error.HasBody)
        {
            response.ContentLength = 0;
            return;
        }

        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
        WriteBody(writer, Error);
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>Writes the error envelope; api-version errors carry <c>innerError: null</c> like ASP.NET API Versioning.</summary>
    public static void WriteBody(Utf8JsonWriter writer, AcsError error)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("code", error.Code);
        writer.WriteString("message", error.Message);
        if (error.Target is not null)
        {
            writer.WriteString("target", error.Target);
        }

        if (error.Family == AcsErrorFamily.ApiVersion)
        {
            writer.WriteNull("innerError");
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder)
        => builder.Metadata.Add(new ProducesResponseTypeMetadata(400, typeof(void), ["application/json"]));

    public static implicit operator AcsErrorResult(AcsError error) => new(error);
}
