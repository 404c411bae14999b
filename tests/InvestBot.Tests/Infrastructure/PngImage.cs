using System.Buffers.Binary;
using System.IO.Compression;

namespace InvestBot.Tests.Infrastructure;

/// <summary>
/// Just enough of a PNG decoder (8-bit RGBA or RGB, non-interlaced) to check the Teams icons'
/// size and transparency without an imaging package.
/// </summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = { 137, 80, 78, 71, 13, 10, 26, 10 };

    public required int Width { get; init; }
    public required int Height { get; init; }
    public required int ColorType { get; init; }
    /// <summary>RGBA, row by row.</summary>
    public required byte[] Pixels { get; init; }

    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get { var i = (y * Width + x) * 4; return (Pixels[i], Pixels[i + 1], Pixels[i + 2], Pixels[i + 3]); }
    }

    public static PngImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (!bytes.AsSpan(0, 8).SequenceEqual(Signature)) throw new InvalidDataException($"{path} is not a PNG");
        int width = 0, height = 0, colorType = 0;
        using var idat = new MemoryStream();
        for (var pos = 8; pos < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(bytes, pos + 4, 4);
            var data = bytes.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[12] != 0) throw new InvalidDataException("only 8-bit non-interlaced PNGs");
                colorType = data[9];
            }
            else if (type == "IDAT") idat.Write(data);
            pos += 12 + length;
        }
        var channels = colorType switch { 6 => 4, 2 => 3, _ => throw new InvalidDataException($"colour type {colorType}") };
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        return new PngImage { Width = width, Height = height, ColorType = colorType, Pixels = Unfilter(raw.ToArray(), width, height, channels) };
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int channels)
    {
        var stride = width * channels;
        var rows = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? rows[y * stride + x - channels] : 0;
                int b = y > 0 ? rows[(y - 1) * stride + x] : 0;
                int c = x >= channels && y > 0 ? rows[(y - 1) * stride + x - channels] : 0;
                int value = raw[y * (stride + 1) + 1 + x];
                rows[y * stride + x] = (byte)(filter switch
                {
                    0 => value,
                    1 => value + a,
                    2 => value + b,
                    3 => value + (a + b) / 2,
                    4 => value + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                });
            }
        }
        if (channels == 4) return rows;
        var rgba = new byte[width * height * 4];
        for (var i = 0; i < width * height; i++)
        {
            rgba[i * 4] = rows[i * 3]; rgba[i * 4 + 1] = rows[i * 3 + 1]; rgba[i * 4 + 2] = rows[i * 3 + 2]; rgba[i * 4 + 3] = 255;
        }
        return rgba;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
