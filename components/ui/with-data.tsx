/** Stands in for a stored value (an arm's name) inside a translated sentence. */
export const DATA_SLOT = "\u0000";

/**
 * A translated sentence built with DATA_SLOT where the value goes: the value is rendered marked
 * as data (data-i18n-skip), shown as stored in every language, and the words around it are not.
 */
export function WithData({ text, value }: { text: string; value: string }) {
  return (
    <>
      {text.split(DATA_SLOT).map((part, index) => (
        <span key={index}>
          {index > 0 && <span data-i18n-skip>{value}</span>}
          {part}
        </span>
      ))}
    </>
  );
}
