using System.Globalization;
using MiniExcelLibs;

namespace InvestBot.Reporting;

/// <summary>Reads an uploaded targets table (.xlsx via MiniExcel, or CSV text) into rows of cells.</summary>
public static class TargetTableReader
{
    public const long MaxBytes = 2 * 1024 * 1024;

    public static IReadOnlyList<IReadOnlyList<string?>> FromXlsx(Stream stream) => MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX)
        .Cast<IDictionary<string, object?>>()
        .Select(row => (IReadOnlyList<string?>)row.Values.Select(v => v switch
        {
            null => null,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString(),
        }).ToList())
        .ToList();

    public static IReadOnlyList<IReadOnlyList<string?>> FromCsv(string text) => TargetService.ReadCsv(text);
}
