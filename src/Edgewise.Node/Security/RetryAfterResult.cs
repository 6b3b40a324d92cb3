using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Edgewise.Node.Security;

/// <summary>Another result with a Retry-After header, in whole seconds.</summary>
internal sealed class RetryAfterResult(IResult inner, string seconds) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers[HeaderNames.RetryAfter] = seconds;

        return inner.ExecuteAsync(httpContext);
    }
}
