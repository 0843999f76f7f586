using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HistoryGraph.CompiledReads;

/// How a selected expression's stored value becomes the row member's value: the column's
/// value converter (an enum stored as its rank or name), or the expression's own type. Read
/// from a row of the statement, or from the JSON PostgreSQL built for a nested page.
public sealed class StoredValue
{
    private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter;
    private readonly Type _stored;
    private readonly Type _model;

    public StoredValue(SqlTranslator.Sql sql)
    {
        _converter = sql.Column?.GetTypeMapping().Converter;
        _model = Nullable.GetUnderlyingType(sql.ClrType) ?? sql.ClrType;
        var stored = _converter?.ProviderClrType ?? _model;
        _stored = Nullable.GetUnderlyingType(stored) ?? stored;
    }

    public object? FromReader(object raw) => raw is DBNull ? null : Model(raw);

    public object? FromJson(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        object raw;
        if (_stored == typeof(string))
            raw = reader.GetString()!;
        else if (_stored == typeof(DateTime))
            raw = reader.GetDateTimeOffset().UtcDateTime;
        else if (_stored == typeof(decimal))
            raw = reader.GetDecimal();
        else if (_stored == typeof(long))
            raw = reader.GetInt64();
        else if (_stored == typeof(int))
            raw = reader.GetInt32();
        else if (_stored == typeof(short))
            raw = reader.GetInt16();
        else if (_stored == typeof(bool))
            raw = reader.GetBoolean();
        else if (_stored == typeof(Guid))
            raw = reader.GetGuid();
        else if (_stored == typeof(List<string>) || _stored == typeof(string[]))
        {
            var items = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                items.Add(reader.GetString()!);
            raw = items;
        }
        else
            throw new NotCompilableException($"A stored {_stored.Name} in JSON.");
        return Model(raw);
    }

    private object? Model(object raw)
    {
        if (raw.GetType() != _stored)
        {
            if (_stored == typeof(List<string>) && raw is string[] array)
                raw = new List<string>(array);
            else if (_stored == typeof(DateTime) && raw is DateTimeOffset moment)
                raw = moment.UtcDateTime;
            else if (_stored.IsEnum)
                raw = Enum.ToObject(_stored, raw);
            else
                raw = Convert.ChangeType(raw, _stored, CultureInfo.InvariantCulture);
        }
        if (_converter is not null)
            return _converter.ConvertFromProvider(raw);
        return _model.IsEnum && !raw.GetType().IsEnum ? Enum.ToObject(_model, raw) : raw;
    }
}
