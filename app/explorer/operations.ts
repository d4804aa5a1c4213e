// The Fastmag explorer's operations as the screen lists them (browser-safe: names, inputs, columns).
export {
  API_PARAMETER,
  EXPLORER_OPERATIONS,
  explorerOperation,
  type ExplorerColumn,
  type ExplorerOperation,
} from "../connectors/fastmag/explorer-operations";
