// Entry of the dashboard bundle: styles (ours and uPlot's), then the app into #app.
import 'uplot/dist/uPlot.min.css'
import './styles.css'
import { render } from 'preact'
import { App } from './app'

const root = document.getElementById('app')
if (root !== null) render(<App />, root)
