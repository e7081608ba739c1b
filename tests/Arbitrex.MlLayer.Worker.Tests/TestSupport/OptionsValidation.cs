using System.ComponentModel.DataAnnotations;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>What <c>ValidateDataAnnotations</c> would report for an options object, message by message.</summary>
internal static class OptionsValidation
{
    public static List<string?> Errors(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.ConvertAll(r => r.ErrorMessage);
    }
}
